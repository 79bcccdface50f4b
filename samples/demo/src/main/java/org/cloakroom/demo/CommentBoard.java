package org.cloakroom.demo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The latest comments, in memory: the demo's stand-in for a comments table. */
@ApplicationScoped
public class CommentBoard {

    static final int KEPT = 5;

    private final Deque<String> latest = new ArrayDeque<>();

    synchronized void add(String text) {
        latest.addFirst(text);
        while (latest.size() > KEPT) {
            latest.removeLast();
        }
    }

    /** Newest first. */
    synchronized List<String> latest() {
        return List.copyOf(latest);
    }
}
