package org.cloakroom.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for the integration tests: it keeps the session cookie the server sets (or
 * deletes) and sends it back, so each test reads like a visitor's clicks.
 */
public final class Browser {

    private static final Pattern VALUE = Pattern.compile("^sessionid=([^;]*)");
    /** Bounds every request, so a server that stops answering fails a test instead of hanging it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http;
    private final URL base;
    private final AtomicReference<String> cookie;

    public Browser(URL base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), new AtomicReference<>());
    }

    /**
     * A browser that speaks only {@code version}: the default client offers an upgrade to HTTP/2
     * in clear text, which WildFly accepts, and a load test should measure what most proxies send.
     */
    public Browser(URL base, HttpClient.Version version) {
        this(base, HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build(),
                new AtomicReference<>());
    }

    private Browser(URL base, HttpClient http, AtomicReference<String> cookie) {
        this.base = base;
        this.http = http;
        this.cookie = cookie;
    }

    /**
     * The same browser on another server of the same site (another node behind a load balancer):
     * both share one cookie, as a real browser sends a host's cookies whatever the port.
     */
    public Browser at(URL otherBase) {
        return new Browser(otherBase, http, cookie);
    }

    /** The session cookie this browser holds, or null. */
    public String cookie() {
        return cookie.get();
    }

    /** Makes the browser send {@code value} as its session cookie (a forged or garbage one). */
    public void setCookie(String value) {
        cookie.set(value);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain"));
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain"));
    }

    /** A POST with extra headers ({@code name, value, name, value...}). */
    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain").headers(headers));
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** A form POST ({@code name, value, name, value...}), as an HTML login form sends it. */
    public HttpResponse<String> form(String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(java.net.URLEncoder.encode(namesAndValues[i], java.nio.charset.StandardCharsets.UTF_8))
                    .append('=').append(java.net.URLEncoder.encode(namesAndValues[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    /** A GET whose body is counted and dropped, for large responses. */
    public HttpResponse<InputStream> stream(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** A GET whose body is read line by line as it arrives (Server-Sent Events). */
    public HttpResponse<java.util.stream.Stream<String>> lines(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "text/event-stream"),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** The session cookie header of a response, if it has one. */
    public static Optional<String> sessionCookieHeader(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("sessionid=")).findFirst();
    }

    private URI uri(String path) {
        return URI.create(base.toString() + path);
    }

    private HttpRequest.Builder withCookie(HttpRequest.Builder request) {
        String value = cookie();
        request.timeout(TIMEOUT);
        return value == null ? request : request.header("Cookie", "sessionid=" + value);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            HttpResponse<T> response = http.send(withCookie(request).build(), body);
            remember(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(HttpResponse<?> response) {
        sessionCookieHeader(response).ifPresent(header -> {
            Matcher m = VALUE.matcher(header);
            m.find();
            setCookie(header.contains("Max-Age=0") || m.group(1).isEmpty() ? null : m.group(1));
        });
    }

    static List<String> vary(HttpResponse<?> response) {
        return response.headers().allValues("Vary");
    }
}
