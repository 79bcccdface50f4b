package org.cloakroom.internal.engine;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.config.EngineNames;
import org.cloakroom.config.FileSettings;
import org.cloakroom.config.SessionClock;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.Setting;
import org.cloakroom.internal.engine.SessionFiles.Stored;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;

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
@EngineName(EngineNames.FILE)
public class FileEngine implements SessionEngine {

    private static final Logger LOG = Logger.getLogger(FileEngine.class.getName());
    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");

    private FileSettings settings;
    private Clock clock;
    private Path dir;
    private String prefix;
    private SessionFiles files;
    private DirectoryLock lock;

    /** For CDI's proxies only. */
    protected FileEngine() {
    }

    @Inject
    public FileEngine(FileSettings settings, @SessionClock Clock clock) {
        this.settings = settings;
        this.clock = clock;
        try {
            this.dir = Path.of(settings.directory()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid("it is not a valid path (" + e.getMessage() + ")", e);
        }
        String name = "cloakroom-" + SessionFiles.fileSafe(settings.cookieName());
        this.prefix = name + "-";
        this.lock = new DirectoryLock(dir.resolve(name + ".lock"));
        this.files = new SessionFiles(dir);
    }

    @Override
    public Optional<String> load(String key) {
        Path file = fileFor(key);
        try {
            if (file == null || !files.ours(file)) {
                return Optional.empty();
            }
            Stored stored = SessionFiles.read(file);
            if (stored == null) {
                SUSPICIOUS.log(Level.WARNING, "Session file {0} has no valid expiry line; ignoring it", file);
                return Optional.empty();
            }
            return stored.expiry().isAfter(clock.instant()) ? Optional.of(stored.data()) : Optional.empty();
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
            return file != null && files.ours(file);
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
            temp = files.written(file, data, expireDate);
            if (!SessionFiles.publishNew(temp, file)) {
                throw new CreateException(key);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            SessionFiles.deleteQuietly(temp);
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
            temp = files.written(file, data, expireDate);
            try (DirectoryLock.Held held = lock.acquire()) {
                Stored current = expectedData == null ? null : files.readIfOurs(file);
                if (expectedData == null ? !files.ours(file) : current == null) {
                    throw new UpdateException();
                }
                if (current != null && !current.data().equals(expectedData)) {
                    return Optional.empty();
                }
                SessionFiles.publishOver(temp, file);
                temp = null;
                return Optional.of(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            SessionFiles.deleteQuietly(temp);
        }
    }

    private Path requireFile(String key) {
        return Optional.ofNullable(fileFor(key)).orElseThrow(() -> new IllegalArgumentException("Not a well-formed session key"));
    }

    @Override
    public void delete(String key) {
        Path file = fileFor(key);
        if (file == null) {
            return;
        }
        try (DirectoryLock.Held held = lock.acquire()) {
            if (files.ours(file)) {
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
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                String id = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                // Files named by the key itself were written by release 0.1: cleared when expired too.
                if (!SessionKeys.isStorageId(id) && !SessionKeys.isWellFormed(id)) {
                    continue;
                }
                try {
                    // Gone (another node or a logout was first), not ours or not parsed: left alone.
                    Stored stored = files.readIfOurs(file);
                    if (stored != null && !stored.expiry().isAfter(clock.instant()) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not clear session file " + file, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /** Fails unless the directory exists and this process can create and hard-link files in it: at deployment... */
    @Override
    public void checkConfiguration() {
        files.checkUsable(this::invalid);
    }

    /** ...and for readiness, when it is an outage. */
    @Override
    public void probe() {
        files.checkUsable((why, cause) -> new UncheckedIOException(new IOException(dir + ": " + why, cause)));
    }

    /** The file for {@code key}, or null if the key could not have been issued (so no path is ever built from it). */
    private Path fileFor(String key) {
        return SessionKeys.isWellFormed(key) ? dir.resolve(prefix + SessionKeys.storageId(key)) : null;
    }

    private SessionConfigurationException invalid(String why, Throwable cause) {
        if (settings.path() == null) {
            // Name the directory actually used: the unset setting alone would not tell where to look.
            why = "it is unset, so java.io.tmpdir = '" + settings.directory() + "' is used: " + why;
        }
        return Setting.SESSION_FILE_PATH.invalid(settings.path(), why, cause);
    }
}
