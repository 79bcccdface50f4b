package org.cloakroom.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock shared by every thread of this process and every process that uses the same lock file:
 * a {@link ReentrantLock} inside the process (the operating system's file locks are held per
 * process, so they cannot order its threads), and an exclusive lock on the file across processes
 * and across the applications of one server.
 * The file is created on first use and never deleted, so every process locks the same file.
 */
final class DirectoryLock {

    private final Path file;
    private final ReentrantLock local = new ReentrantLock();
    /** Opened on first use, under {@link #local}. */
    private FileChannel channel;

    DirectoryLock(Path file) {
        this.file = file;
    }

    /** Blocks until this thread holds the lock; release it by closing the result. */
    Held acquire() throws IOException {
        local.lock();
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            return new Held(lockFile());
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /**
     * The file lock. Another application of this server using the same directory has its own copy
     * of this class, hence its own channel, and the JVM refuses overlapping locks instead of
     * queueing them: wait for its turn.
     */
    private FileLock lockFile() throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException heldByAnotherApplication) {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    void close() {
        local.lock();
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        } catch (IOException ignored) {
            // Closing only releases the descriptor; nothing is lost.
        } finally {
            local.unlock();
        }
    }

    /** The lock, held until closed. */
    final class Held implements AutoCloseable {
        private final FileLock fileLock;

        private Held(FileLock fileLock) {
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try {
                fileLock.release();
            } finally {
                local.unlock();
            }
        }
    }
}
