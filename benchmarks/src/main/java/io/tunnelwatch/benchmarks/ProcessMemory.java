package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident set of a child process, from Linux's {@code /proc/PID/status} (VmHWM); -1 elsewhere. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long peakRssBytes(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException notLinux) {
            // fall through: no figure rather than a wrong one
        }
        return -1;
    }
}
