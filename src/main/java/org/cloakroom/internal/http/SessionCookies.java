package org.cloakroom.internal.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** The value of the last cookie called {@code name} (as browsers and Django do), or null. */
    public static String read(HttpServletRequest request, String name) {
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
