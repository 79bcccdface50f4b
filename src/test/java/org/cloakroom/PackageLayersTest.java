package org.cloakroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture README's "Layout" draws, checked on the library's sources: which package may
 * use which, no cycle between packages, a {@code package-info.java} in each, and the size limits.
 */
class PackageLayersTest {

    private static final Path ROOT = Path.of("src/main/java/org/cloakroom");
    /** A reference to one of our types, by its package: {@code org.cloakroom.spi.SessionEngine} gives {@code spi}. */
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.cloakroom\\.((?:[a-z]+\\.)*)[A-Z]");
    /** Comments, string literals (logger names look like types) and char literals, whichever starts first. */
    private static final Pattern NOT_CODE = Pattern.compile("'(?:\\\\.|[^'\\\\])'|\"(?:\\\\.|[^\"\\\\\\n])*\"|/\\*.*?\\*/|//[^\\n]*",
            Pattern.DOTALL);
    private static final String API = "(api)";

    /** Package (relative to org.cloakroom, {@value #API} for org.cloakroom itself) to the packages it uses. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();
    /** Source file to its length in lines. */
    private static final Map<Path, Integer> LINES = new TreeMap<>();

    @BeforeAll
    static void readTheSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(PackageLayersTest::read);
        }
    }

    private static void read(Path file) {
        String pkg = packageOf(ROOT.relativize(file.getParent()).toString().replace('/', '.'));
        Set<String> uses = USES.computeIfAbsent(pkg, p -> new TreeSet<>());
        if (file.getFileName().toString().equals("package-info.java")) {
            return;
        }
        try {
            String source = Files.readString(file);
            LINES.put(file, (int) source.lines().count());
            Matcher m = REFERENCE.matcher(NOT_CODE.matcher(source).replaceAll(""));
            while (m.find()) {
                String used = packageOf(m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1));
                if (!used.equals(pkg)) {
                    uses.add(used);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String relative) {
        return relative.isEmpty() ? API : relative;
    }

    @Test
    void theApiUsesNothingElseOfOurs() {
        assertEquals(Set.of(), USES.get(API));
        assertEquals(Set.of(), USES.get("event"));
    }

    @Test
    void theEngineSpiUsesOnlyTheApiAndTheEvents() {
        assertTrue(Set.of(API, "event").containsAll(USES.get("spi")), "spi uses " + USES.get("spi"));
    }

    @Test
    void theSessionRulesAndEnginesNeverUseTheCdiOrHttpLayers() {
        for (String lower : List.of("codec", "config", "persistence", "internal.engine", "internal.jcache", "internal.metrics")) {
            for (String used : USES.get(lower)) {
                assertTrue(!used.equals("internal.cdi") && !used.equals("internal.http") && !used.equals("security")
                        && !used.equals("ops"), lower + " uses " + used);
            }
        }
    }

    @Test
    void noPublicPackageBelowTheTopLayerUsesAnInternalOne() {
        // The top layer (the CDI-facing security, ops and cleanup packages) may wire internals;
        // what applications and engine authors build on may not.
        for (String pkg : List.of(API, "event", "spi", "codec", "config", "persistence")) {
            assertTrue(USES.get(pkg).stream().noneMatch(u -> u.startsWith("internal.")), pkg + " uses " + USES.get(pkg));
        }
    }

    @Test
    void noTwoPackagesUseEachOtherEvenThroughOthers() {
        for (String pkg : USES.keySet()) {
            List<String> path = pathBack(pkg, pkg, new TreeSet<>(), new ArrayList<>());
            assertTrue(path == null, "package cycle: " + pkg + " -> " + path);
        }
    }

    private static List<String> pathBack(String from, String target, Set<String> seen, List<String> path) {
        for (String next : USES.getOrDefault(from, Set.of())) {
            path.add(next);
            if (next.equals(target)) {
                return path;
            }
            if (seen.add(next) && pathBack(next, target, seen, path) != null) {
                return path;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (String pkg : USES.keySet()) {
            Path dir = pkg.equals(API) ? ROOT : ROOT.resolve(pkg.replace('.', '/'));
            assertTrue(Files.exists(dir.resolve("package-info.java")), pkg + " has no package-info.java");
        }
    }

    @Test
    void enginesStayWithinDjangosSizeAndNoClassGrowsPastFourHundredLines() throws IOException {
        for (Map.Entry<Path, Integer> file : LINES.entrySet()) {
            assertTrue(file.getValue() <= 400, file.getKey() + " has " + file.getValue() + " lines");
            if (Files.readString(file.getKey()).contains("@EngineName(")) {
                assertTrue(file.getValue() <= 250, "engine " + file.getKey() + " has " + file.getValue() + " lines");
            }
        }
        assertTrue(LINES.size() > 100, "read " + LINES.size() + " sources");
    }
}
