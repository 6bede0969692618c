package io.tunnelwatch.launcher.allinone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One tunnelwatch process per data directory: the embedded broker's logs and the Kafka Streams state must not be
 * shared. Taken before anything starts, so a second process fails at once with a clear line instead of deep inside
 * Kafka. The OS releases the lock when the process dies, so a crash never leaves it stale.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String LOCK_FILE = ".tunnelwatch.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDirectory) {
        Path file = dataDirectory.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDirectory);
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDirectory);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot use the data directory " + dataDirectory.toAbsolutePath() + " ("
                    + e.getMessage() + "); choose another with --data-dir", e);
        } catch (StartupException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StartupException inUse(Path dataDirectory) {
        return new StartupException("the data directory " + dataDirectory.toAbsolutePath()
                + " is in use by another tunnelwatch process; stop it or choose another with --data-dir");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
