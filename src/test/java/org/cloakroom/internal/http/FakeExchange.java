package org.cloakroom.internal.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's request, response and async context, just far enough for the response wrapper's
 * tests: the response records what reaches the wire and in what order, the async context records
 * complete and dispatch and lets a test fire a timeout or an error.
 */
final class FakeExchange {

    /**
     * What reached the container, in order: "header NAME: VALUE", "bytes", "flush", "sendError ...",
     * "redirect LOCATION", "reset", "resetBuffer", "complete", "dispatch".
     */
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    final Map<String, Object> attributes = new HashMap<>();
    final List<AsyncListener> listeners = new ArrayList<>();
    int status = 200;
    String contentType;
    boolean asyncStarted;

    final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "getOutputStream" -> this.stream;
                        case "getBufferSize" -> 8192;
                        case "getCharacterEncoding" -> "UTF-8";
                        case "getStatus" -> status;
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "addHeader" -> {
                            events.add("header " + args[0] + ": " + args[1]);
                            yield null;
                        }
                        case "setHeader" -> {
                            events.add("header " + args[0] + ": " + args[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "sendError" -> {
                            events.add("sendError " + args[0] + (args.length > 1 ? " " + args[1] : ""));
                            yield null;
                        }
                        case "sendRedirect" -> {
                            events.add("redirect " + args[0]);
                            yield null;
                        }
                        case "reset", "resetBuffer" -> {
                            events.add(method.getName());
                            yield null;
                        }
                        case "getHeaders" -> List.of();
                        case "flushBuffer" -> {
                            events.add("flush");
                            yield null;
                        }
                        case "isCommitted" -> events.contains("bytes") || events.contains("flush");
                        default -> null;
                    });

    final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "startAsync" -> {
                            asyncStarted = true;
                            yield this.async;
                        }
                        case "isAsyncStarted" -> asyncStarted;
                        case "getAsyncContext" -> asyncStarted ? this.async : null;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        default -> null;
                    });

    final AsyncContext async = (AsyncContext) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {AsyncContext.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "complete" -> {
                            events.add("complete");
                            asyncStarted = false;
                            yield null;
                        }
                        case "dispatch" -> {
                            events.add("dispatch");
                            asyncStarted = false;
                            yield null;
                        }
                        case "addListener" -> {
                            listeners.add((AsyncListener) args[0]);
                            yield null;
                        }
                        case "getTimeout" -> 30_000L;
                        default -> null;
                    });

    private final ServletOutputStream stream = new ServletOutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            events.add("bytes");
            wire.write(b, off, len);
        }

        @Override
        public void flush() {
            events.add("flush");
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }
    };

    String body() {
        return wire.toString(StandardCharsets.UTF_8);
    }

    void fireTimeout() throws IOException {
        for (AsyncListener listener : List.copyOf(listeners)) {
            listener.onTimeout(new AsyncEvent(async));
        }
    }

    void fireError(Throwable error) throws IOException {
        for (AsyncListener listener : List.copyOf(listeners)) {
            listener.onError(new AsyncEvent(async, error));
        }
    }
}
