package org.cloakroom.internal.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Enumeration;
import java.util.Locale;
import org.cloakroom.config.CookieSettings;

/**
 * Reads the session cookie and writes the {@code Set-Cookie} headers, with the attributes the
 * settings ask for. Session keys travel only here: never in a URL.
 */
final class SessionCookies {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final CookieSettings settings;
    /** The last {@code Expires} written: most cookies of a second share it, and formatting one is not free. */
    private volatile HttpDate lastExpires = new HttpDate(Long.MIN_VALUE, "");

    private record HttpDate(long epochSecond, String text) {
    }

    public SessionCookies(CookieSettings settings) {
        this.settings = settings;
    }

    /**
     * The value of the last cookie called {@code name} (as browsers and Django do), or null. Plain
     * {@code Cookie} headers (pairs separated by {@code ;}) are read directly: the container would
     * build a {@code Cookie} object for every cookie of the request. A header with quotes,
     * backslashes or commas, which containers read by older rules of their own, goes to
     * {@code getCookies()}.
     */
    public static String read(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        String value = null;
        while (headers != null && headers.hasMoreElements()) {
            String header = headers.nextElement();
            if (header.indexOf('"') >= 0 || header.indexOf('\\') >= 0 || header.indexOf(',') >= 0) {
                return fromContainer(request, name);
            }
            String found = last(header, name);
            if (found != null) {
                value = found;
            }
        }
        return value;
    }

    /** The value of the last {@code name=value} pair of a plain header, trimmed, or null. */
    private static String last(String header, String name) {
        String value = null;
        int start = 0;
        while (start < header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            int equals = header.indexOf('=', start);
            if (equals > start && equals < end) {
                int from = skipBlanks(header, start, equals);
                int to = trimBlanks(header, from, equals);
                if (to - from == name.length() && header.regionMatches(from, name, 0, name.length())) {
                    int valueFrom = skipBlanks(header, equals + 1, end);
                    value = header.substring(valueFrom, trimBlanks(header, valueFrom, end));
                }
            }
            start = end + 1;
        }
        return value;
    }

    private static int skipBlanks(String text, int from, int to) {
        while (from < to && isBlank(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimBlanks(String text, int from, int to) {
        while (to > from && isBlank(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String fromContainer(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        String value = null;
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    value = cookie.getValue();
                }
            }
        }
        return value;
    }

    /**
     * The header that hands the browser its key.
     *
     * @param maxAge seconds the cookie lives, or null for a cookie that ends when the browser closes
     */
    public String issue(String key, Long maxAge, Instant now) {
        // Sized for the attributes too, so that a long (signed) value is not copied as the header grows.
        StringBuilder header = new StringBuilder(settings.name().length() + key.length() + 160)
                .append(settings.name()).append('=').append(key);
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge)
                    .append("; Expires=").append(httpDate(now.getEpochSecond() + maxAge));
        }
        return attributes(header, settings.httpOnly());
    }

    private String httpDate(long epochSecond) {
        HttpDate last = lastExpires;
        if (last.epochSecond() != epochSecond) {
            last = new HttpDate(epochSecond, HTTP_DATE.format(Instant.ofEpochSecond(epochSecond)));
            lastExpires = last;
        }
        return last.text();
    }

    /** The header that deletes the browser's session cookie. */
    public String deletion() {
        StringBuilder header = new StringBuilder(settings.name())
                .append("=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        return attributes(header, false);
    }

    private String attributes(StringBuilder header, boolean httpOnly) {
        if (settings.domain() != null) {
            header.append("; Domain=").append(settings.domain());
        }
        header.append("; Path=").append(settings.path());
        if (settings.secure()) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (settings.sameSite() != null) {
            header.append("; SameSite=").append(settings.sameSite());
        }
        return header.toString();
    }
}
