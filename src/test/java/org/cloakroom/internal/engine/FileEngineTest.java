package org.cloakroom.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.config.SettingsBuilder;
import org.cloakroom.contract.ContractFixture;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;
import org.cloakroom.testing.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code file} engine guarantees beyond the contract: confinement, atomicity, permissions, cleanup. */
class FileEngineTest extends ContractFixture {

    private static final String PREFIX = "cloakroom-sessionid-";
    /** Where updates and deletes take turns, across processes. */
    private static final String LOCK = "cloakroom-sessionid.lock";

    /** Holds the session directory and, beside it, files the engine must never reach. */
    @TempDir
    Path root;

    private Path dir;
    private FileEngine files;

    @Override
    protected void configure(UnaryOperator<SettingsBuilder> change) {
        dir = root.resolve("sessions");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        super.configure(b -> change.apply(b.set(Setting.SESSION_FILE_PATH, dir)));
    }

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        files = new FileEngine(settings.file(), settings.clock());
        return files;
    }

    @Override
    protected void clearStorage() {
        // Every test has its own @TempDir.
    }

    /** Where the engine keeps the session of {@code key}: under its storage id, never the key. */
    private static String fileName(String key) {
        return PREFIX + SessionKeys.storageId(key);
    }

    private Instant inAMinute() {
        return clock.instant().plusSeconds(60);
    }

    private static String sessionFile(Instant expiry, String data) {
        return expiry + "\n" + data;
    }

    private Set<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private String stored(String data) throws Exception {
        return files.save(files.newKey(), data, inAMinute(), true);
    }

    // ---- confinement -----------------------------------------------------------------------

    @Test
    void aKeyThatCouldEscapeTheDirectoryNeverReachesTheFileSystem() throws Exception {
        String canaryContent = sessionFile(clock.instant().minusSeconds(1), "{\"secret\":1}");
        Path canary = Files.writeString(root.resolve("canary"), canaryContent);
        // A directory that makes "<prefix>/../../canary" resolve to the canary.
        Files.createDirectory(dir.resolve(PREFIX));
        assertTrue(Files.exists(dir.resolve(PREFIX + "/../../canary")), "the traversal would work unchecked");
        Set<String> before = namesIn(dir);

        List<String> attacks = Arrays.asList(null, "", "/../../canary", "../canary", "..\\..\\canary",
                canary.toString(), "%2e%2e%2fcanary", "abc\u0000def", "A".repeat(32), "a".repeat(33), "a".repeat(31),
                "../" + "a".repeat(29));
        for (String key : attacks) {
            assertEquals(Optional.empty(), files.load(key), key);
            assertFalse(files.exists(key), key);
            files.delete(key);
            assertThrows(IllegalArgumentException.class, () -> files.save(key, "{}", inAMinute(), true), key);
            assertThrows(IllegalArgumentException.class, () -> files.save(key, "{}", inAMinute(), false), key);
        }
        clock.advance(Duration.ofDays(30));
        assertEquals(0, files.clearExpired());

        assertEquals(canaryContent, Files.readString(canary));
        assertEquals(Set.of("canary", "sessions"), namesIn(root));
        assertEquals(before, namesIn(dir));
    }

    @Test
    void aSymbolicLinkNamedLikeASessionIsNeverFollowed() throws Exception {
        String canaryContent = sessionFile(inAMinute(), "{\"secret\":1}");
        Path canary = Files.writeString(root.resolve("canary"), canaryContent);
        String key = files.newKey();
        Path link = Files.createSymbolicLink(dir.resolve(fileName(key)), canary);

        assertEquals(Optional.empty(), files.load(key));
        assertFalse(files.exists(key));
        assertThrows(UpdateException.class, () -> files.save(key, "{\"mine\":1}", inAMinute(), false));
        assertThrows(CreateException.class, () -> files.save(key, "{\"mine\":1}", inAMinute(), true));
        files.delete(key);
        clock.advance(Duration.ofDays(30));
        assertEquals(0, files.clearExpired());

        assertTrue(Files.isSymbolicLink(link));
        assertEquals(canaryContent, Files.readString(canary));
    }

    @Test
    void aFileSomebodyElseOwnsIsNotASessionEvenWithTheRightName() throws Exception {
        UserPrincipal nobody;
        try {
            nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (UserPrincipalNotFoundException | UnsupportedOperationException e) {
            nobody = null;
        }
        assumeTrue(nobody != null, "needs a user called nobody");
        String key = files.newKey();
        String planted = sessionFile(inAMinute(), "{\"user_id\":1}");
        Path file = Files.writeString(dir.resolve(fileName(key)), planted);
        try {
            Files.setOwner(file, nobody);
        } catch (FileSystemException e) {
            assumeTrue(false, "only root can give a file away: " + e);
        }

        assertEquals(Optional.empty(), files.load(key));
        assertFalse(files.exists(key));
        assertThrows(UpdateException.class, () -> files.save(key, "{}", inAMinute(), false));
        files.delete(key);
        clock.advance(Duration.ofDays(30));
        assertEquals(0, files.clearExpired());
        assertEquals(planted, Files.readString(file));
    }

    // ---- writing -----------------------------------------------------------------------------

    @Test
    void sessionFilesAreReadableAndWritableByTheOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        String key = stored("{\"a\":1}");
        Path file = dir.resolve(fileName(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        files.save(key, "{\"a\":2}", inAMinute(), false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFailedCreateOrUpdateChangesNothingAndNoSaveLeavesATemporaryFileBehind() throws Exception {
        String key = stored("{\"a\":1}");
        files.save(key, "{\"a\":2}", inAMinute(), false);
        assertThrows(CreateException.class, () -> files.save(key, "{\"a\":3}", inAMinute(), true));
        assertEquals(Optional.of("{\"a\":2}"), files.load(key));

        String gone = stored("{\"b\":1}");
        files.delete(gone);
        assertThrows(UpdateException.class, () -> files.save(gone, "{\"b\":2}", inAMinute(), false));
        assertFalse(files.exists(gone), "a concurrent logout is not undone");

        assertEquals(Set.of(fileName(key), LOCK), namesIn(dir));
    }

    @Test
    void aHalfWrittenTemporaryFileIsNeverReadAsASession() throws Exception {
        String key = files.newKey();
        // What a crash in the middle of a write leaves: the temporary file, never the session's name.
        Path leftover = Files.writeString(dir.resolve(fileName(key) + ".4711.tmp"), inAMinute() + "\n{\"cart\":[1,");
        assertEquals(Optional.empty(), files.load(key));
        assertFalse(files.exists(key));

        files.save(key, "{\"cart\":[1,2]}", inAMinute(), true);
        assertEquals(Optional.of("{\"cart\":[1,2]}"), files.load(key));
        assertTrue(Files.exists(leftover));
    }

    @Test
    void readersNeverSeeAPartlyWrittenSession() throws Exception {
        String a = "{\"v\":\"" + "a".repeat(300_000) + "\"}";
        String b = "{\"v\":\"" + "b".repeat(300_000) + "\"}";
        String key = stored(a);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get()) {
                        String seen = files.load(key).orElseThrow();
                        assertTrue(seen.equals(a) || seen.equals(b), "a partial session was read");
                        reads++;
                    }
                    return reads;
                }));
            }
            for (int i = 0; i < 200; i++) {
                files.save(key, i % 2 == 0 ? b : a, inAMinute(), false);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get() > 0);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(Set.of(fileName(key), LOCK), namesIn(dir));
    }

    // ---- expiry and cleanup ------------------------------------------------------------------

    @Test
    void aSessionExpiresExactlyAtItsStoredExpiryWhateverTheFileTime() throws Exception {
        String key = stored("{\"a\":1}");
        Path file = dir.resolve(fileName(key));
        Files.setLastModifiedTime(file, FileTime.from(Instant.EPOCH));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of("{\"a\":1}"), files.load(key));
        Files.setLastModifiedTime(file, FileTime.from(clock.instant().plus(Duration.ofDays(365))));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), files.load(key));
        assertTrue(files.exists(key), "an expired session still exists until it is cleared");
        assertEquals(1, files.clearExpired());
        assertFalse(files.exists(key));
    }

    @Test
    void clearExpiredRemovesOnlyExpiredSessionFilesAndCountsThem() throws Exception {
        String expiredOne = files.save(files.newKey(), "{}", clock.instant().plusSeconds(10), true);
        String expiredTwo = files.save(files.newKey(), "{}", clock.instant().plusSeconds(20), true);
        String live = files.save(files.newKey(), "{}", clock.instant().plusSeconds(3600), true);
        String old = sessionFile(clock.instant().minusSeconds(1), "{}");
        String someKey = files.newKey();
        List<String> foreign = List.of(
                "notes.txt",
                PREFIX + "short",
                PREFIX + SessionKeys.storageId(someKey).toUpperCase(),
                fileName(someKey) + ".123.tmp",
                fileName(someKey) + "x",
                "cloakroom-othercookie-" + someKey,
                "sessionid" + someKey);
        for (String name : foreign) {
            Files.writeString(dir.resolve(name), old);
        }
        // Named by the key itself, as release 0.1 did: expired, so cleared too.
        Files.writeString(dir.resolve(PREFIX + files.newKey()), old);
        String unreadable = files.newKey();
        Files.writeString(dir.resolve(fileName(unreadable)), "no expiry here\n{}");
        String directory = files.newKey();
        Files.createDirectory(dir.resolve(fileName(directory)));

        clock.advance(Duration.ofSeconds(30));
        assertEquals(3, files.clearExpired());

        assertFalse(files.exists(expiredOne));
        assertFalse(files.exists(expiredTwo));
        assertTrue(files.exists(live));
        Set<String> expected = new java.util.HashSet<>(foreign);
        expected.addAll(List.of(fileName(live), fileName(unreadable), fileName(directory)));
        assertEquals(expected, namesIn(dir));
        assertEquals(0, files.clearExpired());
    }

    @Test
    void twoCookieNamesShareADirectoryWithoutSeeingEachOthersSessions() throws Exception {
        FileEngine other = Engines.file(settings.toBuilder().set(Setting.SESSION_COOKIE_NAME, "othersession").build());
        String key = files.save(files.newKey(), "{\"a\":1}", clock.instant().plusSeconds(10), true);
        assertEquals(Optional.empty(), other.load(key));
        assertFalse(other.exists(key));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(0, other.clearExpired());
        assertTrue(files.exists(key));
    }

    @Test
    void aCookieNameWithCharactersSomeFileSystemsRefuseIsEscapedInTheFileName() throws Exception {
        configure(b -> b.set(Setting.SESSION_COOKIE_NAME, "my*session|id"));
        String key = stored("{}");
        assertEquals(Set.of("cloakroom-my%2Asession%7Cid-" + SessionKeys.storageId(key)), namesIn(dir));
    }

    // ---- configuration -----------------------------------------------------------------------

    @Test
    void aMissingDirectoryFailsTheDeploymentNamingTheSetting() {
        Path missing = root.resolve("nope");
        configure(b -> b.set(Setting.SESSION_FILE_PATH, missing));
        var e = assertThrows(SessionConfigurationException.class, files::checkConfiguration);
        assertEquals("Invalid setting SESSION_FILE_PATH (session.file.path) = '" + missing
                + "': the directory does not exist", e.getMessage());
    }

    @Test
    void aPathToAFileFailsTheDeployment() throws Exception {
        Path file = Files.writeString(root.resolve("plain-file"), "x");
        configure(b -> b.set(Setting.SESSION_FILE_PATH, file));
        var e = assertThrows(SessionConfigurationException.class, files::checkConfiguration);
        assertEquals("Invalid setting SESSION_FILE_PATH (session.file.path) = '" + file
                + "': it is not a directory", e.getMessage());
    }

    @Test
    void anUnwritableDirectoryFailsTheDeployment() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeFalse(Files.isWritable(dir), "permission bits do not stop root");
            var e = assertThrows(SessionConfigurationException.class, files::checkConfiguration);
            assertTrue(e.getMessage().startsWith("Invalid setting SESSION_FILE_PATH (session.file.path) = '" + dir
                    + "': the directory is not writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void anInvalidPathFailsNamingTheSetting() {
        var e = assertThrows(SessionConfigurationException.class,
                () -> configure(b -> b.set(Setting.SESSION_FILE_PATH, "bad\u0000path")));
        assertTrue(e.getMessage().startsWith("Invalid setting SESSION_FILE_PATH (session.file.path)"), e.getMessage());
    }

    @Test
    void aUsableDirectoryPassesTheCheckWhichLeavesNothingBehind() throws Exception {
        files.checkConfiguration();
        assertEquals(Set.of(), namesIn(dir));
    }

    @Test
    void withoutTheSettingSessionsGoToJavaIoTmpdir() throws Exception {
        FileEngine defaults = Engines.file(SessionSettings.builder().clock(clock).build());
        String key = defaults.save(defaults.newKey(), "{}", inAMinute(), true);
        Path file = Path.of(System.getProperty("java.io.tmpdir")).resolve(fileName(key));
        try {
            assertTrue(Files.isRegularFile(file));
        } finally {
            defaults.delete(key);
        }
        assertFalse(Files.exists(file));
    }

    /**
     * Two applications of one server sharing the directory (each its own engine and lock channel,
     * as two WARs each bundling the library): their saves of one session take turns and merge.
     */
    @Test
    void twoEnginesOnOneDirectoryInOneProcessMergeEachOthersSaves() throws Exception {
        FileEngine otherApplication = new FileEngine(settings.file(), settings.clock());
        String key = stored("{}");
        int savesEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SessionEngine engine : List.of(files, otherApplication)) {
                String name = engine == files ? "a" : "b";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < savesEach; i++) {
                        BaseSession s = new BaseSession(engine, codec, settings.expiry(), settings.clock(), key);
                        s.put(name + i, i);
                        s.save();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2 * savesEach, session(key).size());
    }
}
