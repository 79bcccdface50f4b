package org.cloakroom.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.cloakroom.Session;

/**
 * The reference's member log in and log out, done the safe way: log in needs the test cookie to
 * have come back and cycles the key (no session fixation); log out flushes the whole session.
 */
@Path("members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MemberResource {

    /** A demo member. A real site keeps password hashes in a database, never passwords in code. */
    record Member(long id, String username, String password) {
    }

    static final Map<String, Member> MEMBERS = Map.of(
            "alice", new Member(1, "alice", "wonderland"),
            "bob", new Member(2, "bob", "builder"),
            "carol", new Member(3, "carol", "operator"));

    @Inject
    Session session;

    /** Step one: the browser can only prove it keeps cookies on a later request. */
    @POST
    @Path("test-cookie")
    public JsonObject setTestCookie() {
        session.setTestCookie();
        return Messages.of("Test cookie set; the next request shows whether it came back.");
    }

    /** Step two, on a separate request: did the cookie come back? */
    @GET
    @Path("test-cookie")
    public JsonObject testCookie() {
        boolean worked = session.testCookieWorked();
        return Json.createObjectBuilder()
                .add("worked", worked)
                .add("message", worked ? "Cookies work: you can log in."
                        : "The test cookie did not come back: set it first, or enable cookies.")
                .build();
    }

    /** {@code {"username": "...", "password": "..."}}. */
    @POST
    @Path("login")
    public JsonObject login(String body) {
        JsonObject form = JsonValues.parseObject(body);
        if (!session.testCookieWorked()) {
            throw ApiErrors.badRequest("Please enable cookies and try again.");
        }
        Member member = MEMBERS.get(form.getString("username", ""));
        if (member == null || !sameText(member.password(), form.getString("password", ""))) {
            throw ApiErrors.error(Response.Status.FORBIDDEN, "Unknown username or wrong password.");
        }
        session.put("member_id", member.id());
        session.deleteTestCookie();
        // A new key for the logged-in session: a key planted before log in is worthless.
        session.cycleKey();
        return Messages.of("You're logged in as " + member.username() + ".");
    }

    @POST
    @Path("logout")
    public JsonObject logout() {
        // Everything goes, not only member_id: nothing of the member's visit leaks to the next visitor.
        session.flush();
        return Messages.of("You're logged out.");
    }

    private static boolean sameText(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
