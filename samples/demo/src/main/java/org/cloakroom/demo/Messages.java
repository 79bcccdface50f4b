package org.cloakroom.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The demo's success answers: {@code {"message": "..."}}, which the page shows as is. */
final class Messages {

    private Messages() {
    }

    static JsonObject of(String message) {
        return Json.createObjectBuilder().add("message", message).build();
    }
}
