package org.cloakroom.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloakroom.codec.CorruptSessionDataException;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.spi.SessionKeys;

/**
 * The heap that {@link KnownSessions} holds once 20,000 sessions went through it (enough to fill
 * nearly every slot), each decoded from its stored text as a load would: for a typical session
 * and for the worst kind (tiny strings up to the length limit); then the heap the signed_cookies
 * engine's {@link VerifiedValues} holds, for a typical value and for values and data at their length
 * limit (data with a character beyond Latin-1 takes two bytes a character). README's figures come from it:
 *
 * <pre>mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.cloakroom.internal.engine.KnownSessionsFootprint</pre>
 */
public final class KnownSessionsFootprint {

    private KnownSessionsFootprint() {
    }

    public static void main(String[] args) throws CorruptSessionDataException {
        SessionCodec codec = SessionCodec.defaults();
        Map<String, Object> typical = new LinkedHashMap<>();
        typical.put("_auth_user_id", "42");
        typical.put("_auth_user_hash", "a".repeat(64));
        typical.put("cart", new ArrayList<>(List.of("SKU-1", "SKU-2")));
        typical.put("theme", "dark");
        typical.put("visits", 12);
        Map<String, Object> tiny = new LinkedHashMap<>();
        List<Object> strings = new ArrayList<>();
        tiny.put("l", strings);
        // Room for the counter each session adds below.
        while (codec.encode(tiny).length() < KnownSessions.MAX_ENCODED_LENGTH - 24) {
            strings.add(Integer.toString(strings.size() % 10));
        }
        for (Map.Entry<String, Map<String, Object>> kind : Map.of("typical", typical, "tiny strings", tiny).entrySet()) {
            KnownSessions known = new KnownSessions();
            long before = usedHeap();
            int length = 0;
            for (int i = 0; i < 20_000; i++) {
                Map<String, Object> content = new LinkedHashMap<>(kind.getValue());
                content.put("n", i);
                String encoded = codec.encode(content);
                length = encoded.length();
                known.remember(SessionKeys.generate(), encoded, codec.decode(encoded), codec);
            }
            System.out.printf("%s sessions of %d characters: %.1f MB held in %d slots%n", kind.getKey(), length,
                    (usedHeap() - before) / 1e6, KnownSessions.SLOTS);
            if (known.hashCode() == 0) {
                System.out.println();
            }
        }
        verifiedValues("typical signed values", "x".repeat(190), "{\"name\":\"alice\",\"visits\":3,\"n\":0}");
        verifiedValues("signed values and data at the limit", "x".repeat(VerifiedValues.MAX_LENGTH),
                "\u20ac".repeat(VerifiedValues.MAX_LENGTH));
    }

    private static void verifiedValues(String kind, String value, String data) {
        VerifiedValues verified = new VerifiedValues();
        long before = usedHeap();
        for (int i = 0; i < 20_000; i++) {
            // Distinct strings, as every request brings its own; the end differs, as signatures do.
            String suffix = SessionKeys.generate();
            verified.remember(value.substring(suffix.length()) + suffix, new String(data.toCharArray()), Long.MAX_VALUE);
        }
        System.out.printf("%s of %d characters: %.1f MB held in %d slots%n", kind, value.length(),
                (usedHeap() - before) / 1e6, VerifiedValues.SLOTS);
        if (verified.hashCode() == 0) {
            System.out.println();
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
