package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/** One look at the soaking process: heap in use, resident set, open descriptors and threads (Linux /proc). */
record SoakSample(Duration at, long heapBytes, long rssBytes, int fds, int threads) {

    static SoakSample of(Duration at, long heapBytes, long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        int fds;
        try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
            fds = (int) open.count();
        }
        return new SoakSample(at, heapBytes, rss, fds, threads);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d s heap %d MB rss %d MB fds %d threads %d", at.toSeconds(),
                heapBytes >> 20, rssBytes >> 20, fds, threads);
    }
}
