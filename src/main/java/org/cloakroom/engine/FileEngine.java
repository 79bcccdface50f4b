package org.cloakroom.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;

/**
 * {@code SESSION_ENGINE=file}: one file per session in {@code SESSION_FILE_PATH} (default
 * {@code java.io.tmpdir}), Django's {@code file} backend.
 *
 * <p>A session lives in {@code cloakroom-<SESSION_COOKIE_NAME>-<storage id of the key>} (never the
 * key itself, see {@link SessionKeys#storageId}); its first line is the expiry
 * instant (ISO-8601), the rest is the encoded data, so expiry is exact and never depends on the
 * file's modification time. A key is checked against the key alphabet before any path is built.
 *
 * <p>Every write goes to an owner-only temporary file in the same directory first. A new session is
 * then published with a hard link, which fails if the name is taken; an update renames the
 * temporary file over the old one. Readers therefore see a whole session or none. An update (a
 * compare-and-set: the file must still hold the data the request loaded) and a delete run under a
 * lock on {@code cloakroom-<SESSION_COOKIE_NAME>.lock} in the directory, which also excludes the
 * other processes sharing it, so a concurrent save is merged and a delete is never undone. Files
 * are not synced to disk: a power cut may lose recent writes, never yield a partial session.
 *
 * <p>Only regular files owned by the user this engine runs as count as sessions: in a shared
 * directory such as {@code /tmp} anybody can create a file with a session's name, and it must not
 * become somebody's session. All nodes sharing a directory must therefore run as the same user.
 */
@ApplicationScoped
@EngineName("file")
public class FileEngine implements SessionEngine {

    private static final Logger LOG = Logger.getLogger(FileEngine.class.getName());
    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    private static final String PROBE_PREFIX = "cloakroom-probe-";
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private SessionSettings settings;
    private Path dir;
    private String prefix;
    private boolean posix;
    private boolean ownerView;
    /** The owner of the files this engine creates, learned from a file it created. */
    private volatile UserPrincipal self;
    private DirectoryLock lock;

    /** For CDI's proxies only. */
    protected FileEngine() {
    }

    @Inject
    public FileEngine(SessionSettings settings) {
        this.settings = settings;
        try {
            this.dir = Path.of(directoryName()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid("it is not a valid path (" + e.getMessage() + ")", e);
        }
        this.prefix = "cloakroom-" + fileSafe(settings.cookieName()) + "-";
        this.lock = new DirectoryLock(dir.resolve("cloakroom-" + fileSafe(settings.cookieName()) + ".lock"));
        var views = dir.getFileSystem().supportedFileAttributeViews();
        this.posix = views.contains("posix");
        this.ownerView = views.contains("owner");
    }

    @Override
    public Optional<String> load(String key) {
        Path file = fileFor(key);
        try {
            if (file == null || !ours(file)) {
                return Optional.empty();
            }
            Stored stored = read(file);
            if (stored == null) {
                SUSPICIOUS.log(Level.WARNING, "Session file {0} has no valid expiry line; ignoring it", file);
                return Optional.empty();
            }
            return expired(stored.expiry()) ? Optional.empty() : Optional.of(stored.data());
        } catch (NoSuchFileException deletedMeanwhile) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        Path file = fileFor(key);
        try {
            return file != null && ours(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        if (!mustCreate) {
            return swap(key, data, expireDate, null).orElseThrow();
        }
        Path file = requireFile(key);
        Path temp = null;
        try {
            temp = written(file, data, expireDate);
            try {
                // link(2) is atomic and refuses an existing name: O_EXCL for a complete file.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException taken) {
                throw new CreateException(key);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        return swap(key, data, expireDate, expected.data());
    }

    /**
     * Renames a new file over the session's, under the lock: only if the session still holds
     * {@code expectedData} (empty otherwise), or whatever it holds when that is null.
     */
    private Optional<String> swap(String key, String data, Instant expireDate, String expectedData) throws UpdateException {
        Path file = requireFile(key);
        Path temp = null;
        try {
            temp = written(file, data, expireDate);
            try (DirectoryLock.Held held = lock.acquire()) {
                Stored current = expectedData == null ? null : currentlyStored(file);
                if (expectedData == null ? !ours(file) : current == null) {
                    throw new UpdateException();
                }
                if (current != null && !current.data().equals(expectedData)) {
                    return Optional.empty();
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
                return Optional.of(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private Path requireFile(String key) {
        Path file = fileFor(key);
        if (file == null) {
            throw new IllegalArgumentException("Not a well-formed session key");
        }
        return file;
    }

    /** An owner-only temporary file beside {@code file} holding the expiry line and the data. */
    private Path written(Path file, String data, Instant expireDate) throws IOException {
        Path temp = newTempFile(file.getFileName() + ".");
        try {
            Files.write(temp, (expireDate + "\n" + data).getBytes(UTF_8));
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private Stored currentlyStored(Path file) throws IOException {
        try {
            return ours(file) ? read(file) : null;
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
    }

    @Override
    public void delete(String key) {
        Path file = fileFor(key);
        if (file == null) {
            return;
        }
        try (DirectoryLock.Held held = lock.acquire()) {
            if (ours(file)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the application stops: releases the lock file's channel. */
    @PreDestroy
    void close() {
        lock.close();
    }

    /**
     * Deletes this engine's expired session files. Files with other names (temporary files, other
     * cookie names, anything else in the directory), files it cannot parse and files it does not
     * own are left alone. A session updated at the very moment it expires may still be removed.
     */
    @Override
    public long clearExpired() {
        long removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                // Files named by the key itself were written by release 0.1: cleared when expired too.
                if (!SessionKeys.isStorageId(id) && !SessionKeys.isWellFormed(id)) {
                    continue;
                }
                try {
                    Stored stored = ours(file) ? read(file) : null;
                    // A file the engine cannot parse is not known to be expired, so it is not its to delete.
                    if (stored != null && expired(stored.expiry()) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // Another node or a logout got there first.
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not clear session file " + file, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /** Fails unless the directory exists and this process can create and hard-link files in it. */
    @Override
    public void checkConfiguration() {
        if (!Files.isDirectory(dir)) {
            throw invalid(Files.exists(dir) ? "it is not a directory" : "the directory does not exist", null);
        }
        Path probe = null;
        Path link = null;
        try {
            try {
                probe = newTempFile(PROBE_PREFIX);
            } catch (IOException e) {
                throw invalid("the directory is not writable (" + e + ")", e);
            }
            link = dir.resolve(probe.getFileName() + ".link");
            Files.createLink(link, probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw invalid("its file system does not support hard links, which the file engine needs"
                    + " to create sessions atomically (" + e + ")", e);
        } finally {
            deleteQuietly(probe);
            deleteQuietly(link);
        }
    }

    /** The file for {@code key}, or null if the key could not have been issued (so no path is ever built from it). */
    private Path fileFor(String key) {
        return SessionKeys.isWellFormed(key) ? dir.resolve(prefix + SessionKeys.storageId(key)) : null;
    }

    /** Whether {@code file} is a session file this engine wrote: a regular file (not a link) that it owns. */
    private boolean ours(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = posix ? Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW_LINKS)
                    : Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        UserPrincipal owner = attributes instanceof PosixFileAttributes p ? p.owner()
                : ownerView ? Files.getOwner(file, NOFOLLOW_LINKS) : null;
        boolean ours = attributes.isRegularFile() && (owner == null || owner.equals(self()));
        if (!ours) {
            SUSPICIOUS.log(Level.WARNING, "Ignoring {0}: not a regular file owned by this process", file);
        }
        return ours;
    }

    private UserPrincipal self() throws IOException {
        UserPrincipal known = self;
        if (known == null) {
            Path probe = newTempFile(PROBE_PREFIX);
            try {
                known = self = Files.getOwner(probe);
            } finally {
                deleteQuietly(probe);
            }
        }
        return known;
    }

    private Path newTempFile(String namePrefix) throws IOException {
        return posix ? Files.createTempFile(dir, namePrefix, ".tmp", OWNER_ONLY)
                : Files.createTempFile(dir, namePrefix, ".tmp");
    }

    private record Stored(Instant expiry, String data) {
    }

    /** The expiry line and the data after it, or null if there is no valid expiry line. */
    private static Stored read(Path file) throws IOException {
        String content;
        try (InputStream in = Files.newInputStream(file, NOFOLLOW_LINKS)) {
            content = new String(in.readAllBytes(), UTF_8);
        }
        int newline = content.indexOf('\n');
        try {
            return newline < 0 ? null
                    : new Stored(Instant.parse(content.substring(0, newline)), content.substring(newline + 1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private boolean expired(Instant expiry) {
        return !expiry.isAfter(Instant.now(settings.clock()));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete temporary file " + file, e);
            }
        }
    }

    private String directoryName() {
        return settings.filePath() != null ? settings.filePath() : System.getProperty("java.io.tmpdir");
    }

    /** Cookie names may hold characters some file systems refuse ({@code *}, {@code |}); those are %-escaped. */
    private static String fileSafe(String name) {
        StringBuilder safe = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
                safe.append(c);
            } else {
                safe.append('%').append(String.format("%02X", (int) c));
            }
        }
        return safe.toString();
    }

    private SessionConfigurationException invalid(String why, Throwable cause) {
        String value = settings.filePath() != null ? " = '" + settings.filePath() + "'"
                : " is unset, so java.io.tmpdir = '" + directoryName() + "' is used";
        return new SessionConfigurationException("Invalid setting " + Setting.SESSION_FILE_PATH + value + ": " + why, cause);
    }
}
