package io.tunnelwatch.simulator.scenario;

import io.tunnelwatch.simulator.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fault scenario: a fleet, how fast simulated time runs, and a timeline of faults. Times on the timeline are
 * simulated time from the start ({@code at: 60s} with compression 10 happens 6 s into the run).
 *
 * @param simStart    the simulated time of day the run starts at (traffic follows office hours)
 * @param ipsecLifetime SA lifetime in simulated time (rekeys)
 * @param duration    how long (simulated) the scenario runs; null: until stopped
 * @param wrapHeadroom how far below 2^32 the counters of the SAs the fleet starts with are (packets and octets), so
 *                    Counter32 wraps come early; 0: they start from 0
 * @param informational the routers (by name, rtr-NN) configured with {@code logging trap informational} and no
 *                     {@code debug crypto}: their debug output never reaches syslog; the others log with debug
 */
public record Scenario(String name, int compression, int routers, int peersPerRouter, long seed, Instant simStart,
                       Duration ipsecLifetime, Duration duration, String community, int agentPort,
                       List<Step> timeline, long wrapHeadroom, Set<String> informational) {

    /** Counters start 20 million short of 2^32: octet counters wrap within minutes of office-hours traffic. */
    public static final long DEFAULT_WRAP_HEADROOM = 20_000_000L;

    public Scenario {
        Objects.requireNonNull(name, "name");
        timeline = List.copyOf(timeline);
        informational = informational == null ? Set.of() : Set.copyOf(informational);
        if (wrapHeadroom < 0 || wrapHeadroom >= 1L << 32) {
            throw new IllegalArgumentException("wrap headroom must be 0..2^32-1, was " + wrapHeadroom);
        }
    }

    /** A scenario with the default wrap headroom. */
    public Scenario(String name, int compression, int routers, int peersPerRouter, long seed, Instant simStart,
                    Duration ipsecLifetime, Duration duration, String community, int agentPort, List<Step> timeline) {
        this(name, compression, routers, peersPerRouter, seed, simStart, ipsecLifetime, duration, community,
                agentPort, timeline, DEFAULT_WRAP_HEADROOM);
    }

    /** A scenario whose routers all log with debug. */
    public Scenario(String name, int compression, int routers, int peersPerRouter, long seed, Instant simStart,
                    Duration ipsecLifetime, Duration duration, String community, int agentPort, List<Step> timeline,
                    long wrapHeadroom) {
        this(name, compression, routers, peersPerRouter, seed, simStart, ipsecLifetime, duration, community,
                agentPort, timeline, wrapHeadroom, Set.of());
    }

    /** This scenario with {@code routers} at {@code logging trap informational} (no debug output in syslog). */
    public Scenario withInformationalLogging(Set<String> routers) {
        return new Scenario(name, compression, this.routers, peersPerRouter, seed, simStart, ipsecLifetime, duration,
                community, agentPort, timeline, wrapHeadroom, routers);
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
