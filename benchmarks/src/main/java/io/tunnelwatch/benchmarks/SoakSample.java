package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One look at the soaking process: heap in use and committed (its {@code /metrics}), resident set, open descriptors
 * and threads (Linux /proc). {@link #nativeBytes} is the resident set beyond the committed heap: G1 grows the heap
 * it has committed up to {@code -Xmx} by design, so a leak outside the heap shows there, not in the resident set.
 */
record SoakSample(Duration at, long heapBytes, long heapCommittedBytes, long rssBytes, int fds, int threads) {

    static SoakSample of(Duration at, long heapBytes, long heapCommittedBytes, long pid) throws IOException {
        long rss = ProcessMemory.rssBytes(pid);
        int threads = ProcessMemory.threads(pid);
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = (int) open.count();
        }
        return new SoakSample(at, heapBytes, heapCommittedBytes, rss, fds, threads);
    }

    long nativeBytes() {
        return rssBytes - heapCommittedBytes;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d s heap %d MB (committed %d MB) rss %d MB (beyond the heap %d MB) fds %d"
                + " threads %d", at.toSeconds(), heapBytes >> 20, heapCommittedBytes >> 20, rssBytes >> 20,
                nativeBytes() >> 20, fds, threads);
    }
}
