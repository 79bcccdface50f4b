package org.cloakroom.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file operations of {@link FileEngine} in its directory: owner-only temporary files published
 * whole (by hard link or atomic rename), reading a session file back, and telling this process's
 * regular files from anything else found under a session's name.
 */
final class SessionFiles {

    // The engine's logger name, so that operators find these messages where they always were.
    private static final Logger LOG = Logger.getLogger("org.cloakroom.internal.engine.FileEngine");
    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    private static final String PROBE_PREFIX = "cloakroom-probe-";
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** A session file's content: the expiry line and the data after it. */
    record Stored(Instant expiry, String data) {
    }

    private final Path dir;
    private final boolean posix;
    private final boolean ownerView;
    /** The owner of the files this process creates, learned from a file it created. */
    private volatile UserPrincipal self;

    SessionFiles(Path dir) {
        this.dir = dir;
        var views = dir.getFileSystem().supportedFileAttributeViews();
        this.posix = views.contains("posix");
        this.ownerView = views.contains("owner");
    }

    /**
     * Fails, with the exception {@code invalid} makes of the reason and its cause, unless the
     * directory exists and this process can create and hard-link files in it.
     */
    void checkUsable(BiFunction<String, Throwable, ? extends RuntimeException> invalid) {
        if (!Files.isDirectory(dir)) {
            throw invalid.apply(Files.exists(dir) ? "it is not a directory" : "the directory does not exist", null);
        }
        Path probe = null;
        Path link = null;
        try {
            try {
                probe = newTempFile(PROBE_PREFIX);
            } catch (IOException e) {
                throw invalid.apply("the directory is not writable (" + e + ")", e);
            }
            link = dir.resolve(probe.getFileName() + ".link");
            Files.createLink(link, probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw invalid.apply("its file system does not support hard links, which the file engine needs"
                    + " to create sessions atomically (" + e + ")", e);
        } finally {
            deleteQuietly(probe);
            deleteQuietly(link);
        }
    }

    /** An owner-only temporary file beside {@code file} holding the expiry line and the data. */
    Path written(Path file, String data, Instant expireDate) throws IOException {
        Path temp = newTempFile(file.getFileName() + ".");
        try {
            Files.write(temp, (expireDate + "\n" + data).getBytes(UTF_8));
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Gives {@code temp}'s content the name {@code file} unless that name is taken; false if it is. */
    static boolean publishNew(Path temp, Path file) throws IOException {
        try {
            // link(2) is atomic and refuses an existing name: O_EXCL for a complete file.
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** Renames {@code temp} over {@code file}: a reader sees the old content or the new, never a mix. */
    static void publishOver(Path temp, Path file) throws IOException {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What {@code file} holds if it is ours and has a valid expiry line; null otherwise, or if it is gone. */
    Stored readIfOurs(Path file) throws IOException {
        try {
            return ours(file) ? read(file) : null;
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
    }

    /** The expiry line and the data after it, or null if there is no valid expiry line. */
    static Stored read(Path file) throws IOException {
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

    /** Whether {@code file} is a session file this engine wrote: a regular file (not a link) that it owns. */
    boolean ours(Path file) throws IOException {
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

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete temporary file " + file, e);
            }
        }
    }

    /** Cookie names may hold characters some file systems refuse ({@code *}, {@code |}); those are %-escaped. */
    static String fileSafe(String name) {
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
}
