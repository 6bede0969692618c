package io.tunnelwatch.benchmarks;

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

    /** The same for this process (the harness itself, to show what watching costs). */
    static long ownNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Cores used on average between two readings of {@link #nanos}, or -1 when either is unknown. */
    static double cores(long fromNanos, long toNanos, double seconds) {
        return fromNanos < 0 || toNanos < 0 || seconds <= 0 ? -1 : (toNanos - fromNanos) / 1e9 / seconds;
    }
}
