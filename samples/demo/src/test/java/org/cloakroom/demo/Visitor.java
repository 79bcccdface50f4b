package org.cloakroom.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One visitor of the demo over HTTP: it keeps the {@code sessionid} cookie the server sets or
 * deletes and sends it back, as a browser would.
 */
final class Visitor {

    /** One answer: status, body and the session cookie header, if any. */
    record Reply(int status, String body, Optional<String> setCookie) {

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /** The {@code error} message of an error answer. */
        String error() {
            return json().getString("error");
        }
    }

    private static final String COOKIE = "sessionid";
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private String cookie;

    /** @param base the application's root, ending in {@code /} */
    Visitor(URI base) {
        this.base = base;
    }

    /** The session cookie's value, or null when the visitor holds none. */
    String cookie() {
        return cookie;
    }

    /** Makes the visitor send {@code value} as its session cookie (null: none). */
    void useCookie(String value) {
        cookie = value;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path) {
        return send("POST", path, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json);
    }

    Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Optional<String> setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(COOKIE + "=")).findFirst();
        setCookie.ifPresent(this::remember);
        return new Reply(response.statusCode(), response.body(), setCookie);
    }

    private void remember(String header) {
        String value = header.substring(COOKIE.length() + 1, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
        cookie = value.isEmpty() || header.contains("Max-Age=0") ? null : value;
    }
}
