package org.cloakroom.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Takes {@link FlakyEngine}'s storage down and back, and counts what the engine guard logs meanwhile (with any engine). */
@Path("outage")
public class OutageSwitch {

    private static final Logger GUARD_LOG = Logger.getLogger("org.cloakroom.internal.engine.GuardedEngine");
    private static final AtomicInteger ERRORS = new AtomicInteger();
    private static final AtomicInteger INFOS = new AtomicInteger();
    private static final Handler COUNTER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            (record.getLevel().intValue() >= Level.SEVERE.intValue() ? ERRORS : INFOS).incrementAndGet();
        }

        @Override public void flush() { }
        @Override public void close() { }
    };

    /** Starts counting what the guard logs (from zero). */
    @POST
    @Path("watch")
    public String watch() {
        GUARD_LOG.removeHandler(COUNTER);
        GUARD_LOG.addHandler(COUNTER);
        ERRORS.set(0);
        INFOS.set(0);
        return "watching";
    }

    @POST
    @Path("start")
    public String start() {
        watch();
        FlakyEngine.down = true;
        return "down";
    }

    @POST
    @Path("end")
    public String end() {
        FlakyEngine.down = false;
        return "up";
    }

    /** "errors,infos" the guard logged since the outage started. */
    @GET
    @Path("log")
    public String log() {
        return ERRORS.get() + "," + INFOS.get();
    }
}
