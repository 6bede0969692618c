package io.tunnelwatch.simulator.scenario;

import io.tunnelwatch.simulator.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A fault scenario: a fleet, how fast simulated time runs, and a timeline of faults. Times on the timeline are
 * simulated time from the start ({@code at: 60s} with compression 10 happens 6 s into the run).
 *
 * @param simStart    the simulated time of day the run starts at (traffic follows office hours)
 * @param ipsecLifetime SA lifetime in simulated time (rekeys)
 * @param duration    how long (simulated) the scenario runs; null: until stopped
 */
public record Scenario(String name, int compression, int routers, int peersPerRouter, long seed, Instant simStart,
                       Duration ipsecLifetime, Duration duration, String community, int agentPort,
                       List<Step> timeline) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        timeline = List.copyOf(timeline);
    }

    /**
     * One fault on the timeline.
     *
     * @param repairAt when it is repaired (simulated, from the start), or null: never
     */
    public record Step(Duration at, Fault fault, String router, String peer, Duration repairAt) {
        public Step {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(fault, "fault");
            if (repairAt != null && repairAt.compareTo(at) <= 0) {
                throw new IllegalArgumentException("repair-at must come after at (" + fault.id() + " on " + router
                        + ")");
            }
        }
    }
}
