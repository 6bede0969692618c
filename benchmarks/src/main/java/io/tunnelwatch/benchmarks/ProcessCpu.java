package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time a child process has used so far (user and system, all threads), from the JDK's {@link ProcessHandle.Info};
 * -1 once the process is gone or where the platform does not say. A process that exits takes its figure with it, so a
 * caller that needs one samples while it runs.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    static long nanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * CPU time the JIT compiler threads of a child JVM have used so far, from Linux's {@code /proc} (each thread's
     * {@code comm} and the first field of its {@code schedstat}, nanoseconds on a CPU); -1 once the process is gone or
     * where there is no {@code /proc}. HotSpot names them {@code C1 CompilerThread0}, {@code C2 CompilerThread0} and so
     * on ({@code comm} keeps 15 characters). A compiler thread that HotSpot stops when its queue is short takes its
     * time with it, so with more than one thread per compiler this is a lower bound.
     */
    static long compilerNanos(Process process) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!process.isAlive() || !Files.isDirectory(tasks)) {
            return -1;
        }
        long nanos = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                nanos += compilerThreadNanos(thread);
            }
        } catch (IOException | DirectoryIteratorException e) {
            return -1;
        }
        return process.isAlive() ? nanos : -1;
    }

    private static long compilerThreadNanos(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String schedstat = Files.readString(thread.resolve("schedstat")).strip();
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException e) {
            return 0; // the thread ended between the listing and the reading (no such file, or no such process)
        }
    }

    /** The same for this process (the harness itself, to show what watching costs). */
    static long ownNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Cores used on average between two readings of {@link #nanos}, or -1 when either is unknown. */
    static double cores(long fromNanos, long toNanos, double seconds) {
        return fromNanos < 0 || toNanos < 0 || seconds <= 0 ? -1 : (toNanos - fromNanos) / 1e9 / seconds;
    }
}
