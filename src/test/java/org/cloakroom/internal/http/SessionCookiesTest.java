package org.cloakroom.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {

    /** A request with these Cookie header lines; getCookies() answers as a container would for the legacy cases. */
    private static HttpServletRequest request(List<String> headers, Cookie... containerCookies) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionCookiesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> "Cookie".equalsIgnoreCase((String) args[0])
                            ? Collections.enumeration(headers) : Collections.emptyEnumeration();
                    case "getCookies" -> containerCookies.length == 0 ? null : containerCookies;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String read(String... headers) {
        return SessionCookies.read(request(List.of(headers)), "sessionid");
    }

    @Test
    void theSessionCookieIsFoundAmongOthers() {
        assertEquals("abc123", read("JSESSIONID=x.y; sessionid=abc123; theme=dark"));
    }

    @Test
    void noCookieHeaderOrNoSessionCookieIsNull() {
        assertNull(read());
        assertNull(read("JSESSIONID=x; sessionidx=abc; xsessionid=abc; sessionid"));
    }

    @Test
    void theLastOfSeveralSessionCookiesWinsAcrossHeaderLines() {
        assertEquals("second", read("sessionid=first; a=1", "b=2; sessionid=second"));
        assertEquals("second", read("sessionid=first;sessionid=second"));
    }

    @Test
    void blanksAroundNamesAndValuesAreIgnoredButInnerCharactersKept() {
        assertEquals("abc", read("  a=1 ;\tsessionid = abc ;b=2"));
        assertEquals("a:b=c", read("sessionid=a:b=c"));
        assertEquals("", read("sessionid="));
    }

    @Test
    void aHeaderWithQuotesOrCommasIsLeftToTheContainersOwnRules() {
        HttpServletRequest quoted = request(List.of("sessionid=\"abc\""), new Cookie("sessionid", "abc"));
        assertEquals("abc", SessionCookies.read(quoted, "sessionid"));
        HttpServletRequest commas = request(List.of("a=1, sessionid=xyz"), new Cookie("a", "1"), new Cookie("sessionid", "xyz"));
        assertEquals("xyz", SessionCookies.read(commas, "sessionid"));
    }
}
