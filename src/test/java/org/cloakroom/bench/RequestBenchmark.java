package org.cloakroom.bench;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.http.SessionMiddleware;
import org.cloakroom.testing.InMemoryEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the session rules cost per request, storage and container aside (an in-memory engine, no
 * CDI): a session used as a resource would, then finished by the middleware. The HTTP benchmark
 * (samples/bench) measures what a request costs on a server.
 * A typical session: a member id, a login time, a cart of five lines, a few flags.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestBenchmark {

    private SessionSettings settings;
    private SessionCodec codec;
    private InMemoryEngine engine;
    private SessionMiddleware middleware;
    private String key;
    private int counter;

    /** The data of a typical session. */
    public static Map<String, Object> typicalSession() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("member_id", 42);
        data.put("logged_in_at", LocalDateTime.of(2026, 11, 25, 9, 30));
        List<Object> cart = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", "SKU-" + i);
            line.put("quantity", i + 1);
            line.put("price", new BigDecimal("19.99"));
            cart.add(line);
        }
        data.put("cart", cart);
        data.put("has_commented", true);
        data.put("theme", "dark");
        return data;
    }

    @Setup
    public void setUp() {
        settings = SessionSettings.defaults();
        codec = new SessionCodec(settings.serializerAllowedTypes());
        engine = new InMemoryEngine(settings);
        middleware = new SessionMiddleware(settings);
        BaseSession s = session(null);
        s.putAll(typicalSession());
        s.save();
        key = s.getSessionKey();
    }

    private BaseSession session(String cookie) {
        return new BaseSession(engine, codec, settings.expiry(), settings.clock(), cookie);
    }

    @Benchmark
    public Object untouched() {
        return middleware.finish(session(key), true, 200);
    }

    @Benchmark
    public Object readOnly() {
        BaseSession s = session(key);
        s.get("member_id");
        return middleware.finish(s, true, 200);
    }

    @Benchmark
    public Object modify() {
        BaseSession s = session(key);
        s.put("counter", counter++);
        return middleware.finish(s, true, 200);
    }

    @Benchmark
    public Object createAndDelete() {
        BaseSession s = session(null);
        s.put("has_commented", true);
        SessionMiddleware.Outcome outcome = middleware.finish(s, false, 200);
        engine.delete(s.getSessionKey());
        return outcome;
    }
}
