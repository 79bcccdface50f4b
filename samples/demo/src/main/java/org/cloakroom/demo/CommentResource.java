package org.cloakroom.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cloakroom.Session;

/** The reference's {@code post_comment}: one comment per visitor, remembered in the session. */
@Path("comments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CommentResource {

    static final int MAX_LENGTH = 280;

    @Inject
    Session session;

    @Inject
    CommentBoard board;

    /** {@code {"text": "..."}}. */
    @POST
    public JsonObject post(String body) {
        String text = JsonValues.parseObject(body).get("text") instanceof JsonString s ? s.getString().strip() : "";
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw ApiErrors.badRequest("Send {\"text\": \"...\"} with 1 to " + MAX_LENGTH + " characters");
        }
        if (Boolean.TRUE.equals(session.get("has_commented"))) {
            return Messages.of("You've already commented.");
        }
        board.add(text);
        session.put("has_commented", true);
        return Messages.of("Thanks for your comment!");
    }

    /** The latest comments, newest first; touches no session. */
    @GET
    public JsonArray latest() {
        return Json.createArrayBuilder(board.latest()).build();
    }
}
