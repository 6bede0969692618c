package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's {@code /proc/PID/status} says of a child process; -1 where there is no such file or field. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Peak resident set (VmHWM), bytes. */
    static long peakRssBytes(Process process) {
        return bytes(process.pid(), "VmHWM:");
    }

    /** Resident set now (VmRSS), bytes. */
    static long rssBytes(long pid) {
        return bytes(pid, "VmRSS:");
    }

    /** Threads now. */
    static int threads(long pid) {
        return (int) field(pid, "Threads:");
    }

    private static long bytes(long pid, String name) {
        long kb = field(pid, name);
        return kb < 0 ? -1 : kb * 1024;
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // no figure rather than a wrong one
        }
        return -1;
    }
}
