package io.tunnelwatch.simulator.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time running {@code compression} times faster than the wall clock from {@code simStart}: a day of
 * traffic, SA lifetimes and fault timelines fit into minutes. What a collector measures against its own clock
 * (TimeTicks, active times) stays on the wall clock.
 */
public final class SimulationClock {

    private final Clock wall;
    private final Instant wallStart;
    private final Instant simStart;
    private final int compression;

    public SimulationClock(Clock wall, Instant simStart, int compression) {
        if (compression < 1 || compression > 3600) {
            throw new IllegalArgumentException("time compression must be 1..3600, was " + compression);
        }
        this.wall = wall;
        this.wallStart = wall.instant();
        this.simStart = simStart;
        this.compression = compression;
    }

    public Instant wallNow() {
        return wall.instant();
    }

    /** Simulated time at the current wall instant. */
    public Instant simNow() {
        return simAt(wall.instant());
    }

    public Instant simAt(Instant wallInstant) {
        return simStart.plus(Duration.between(wallStart, wallInstant).multipliedBy(compression));
    }

    /** How far into the simulation (simulated time) the wall clock is. */
    public Duration simElapsed() {
        return Duration.between(simStart, simNow());
    }

    public int compression() {
        return compression;
    }

    /** TimeInterval / TimeTicks: hundredths of a second since {@code since}. */
    public static long hundredths(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis() / 10);
    }
}
