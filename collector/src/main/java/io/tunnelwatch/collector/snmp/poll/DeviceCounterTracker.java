package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.CounterSample.Counters;
import io.tunnelwatch.events.PeerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns successive walks of one device into one {@link CounterSample} per peer
 * (docs/metrics.md#peer-counters-what-they-count): deltas are
 * computed per cipSecTunnelTable row by {@link SaRowDelta} and then summed per peer (cipSecTunRemoteAddr), so a
 * rekey (rows replaced, renumbered, vanished) or a Counter32 wrap never shows as a negative delta or a burst.
 *
 * <p>A peer the inventory expects but with no row gets a sample with {@code saCount 0}: SNMP tables simply drop a
 * tunnel that is down, so only the expectation can say "no SA". A walk that failed keeps the last good walk as the
 * baseline, so the next good walk's deltas cover the whole gap. Not thread-safe: one poll of a device at a time.
 */
public final class DeviceCounterTracker {

    static final String STATUS_ACTIVE = "active";
    static final String STATUS_DESTROY = "destroy";
    static final String STATUS_NONE = "none";

    private final String device;
    private final Set<String> expectedPeers;
    private final CounterLimits limits;
    private DeviceWalk baseline;
    private Map<Integer, SaRow> baselineRows = Map.of();
    private final Map<Integer, RowOutcome> lastOutcomes = new HashMap<>();

    public DeviceCounterTracker(String device, Set<String> expectedPeers, CounterLimits limits) {
        this.device = device;
        this.expectedPeers = new TreeSet<>(expectedPeers);
        this.limits = limits;
    }

    /** The samples of a walk that completed; the walk becomes the baseline of the next one. */
    public List<CounterSample> onWalk(DeviceWalk walk) {
        Duration elapsed = baseline == null ? Duration.ZERO : Duration.between(baseline.polledAt(), walk.polledAt());
        Map<String, PeerSum> sums = new HashMap<>();
        Map<Integer, SaRow> rows = new HashMap<>();
        lastOutcomes.clear();
        for (SaRow row : walk.saRows()) {
            rows.put(row.tunIndex(), row);
            SaRowDelta.Result result = deltaOf(row, elapsed);
            lastOutcomes.put(row.tunIndex(), result.outcome());
            sums.computeIfAbsent(row.peer(), p -> new PeerSum()).add(row, result.delta());
        }
        Map<String, String> ikeStatus = ikeStatusByPeer(walk.ikeRows());
        List<CounterSample> samples = new ArrayList<>();
        for (String peer : peersOf(sums.keySet(), ikeStatus.keySet())) {
            PeerSum sum = sums.getOrDefault(peer, new PeerSum());
            samples.add(new CounterSample(CounterSample.VERSION, device, peer, walk.polledAt(), true, sum.saCount,
                    ikeStatus.getOrDefault(peer, STATUS_NONE), sum.ipsecStatus(), sum.totals, sum.deltas));
        }
        baseline = walk;
        baselineRows = rows;
        return samples;
    }

    /**
     * The samples of a poll the device did not answer: one per peer known (expected, or seen at the last good
     * walk), or one device-wide ({@code device|*}) when no peer is known. The baseline is kept.
     */
    public List<CounterSample> onNoAnswer(Instant at) {
        Set<String> peers = new TreeSet<>(expectedPeers);
        baselineRows.values().forEach(row -> peers.add(row.peer()));
        if (peers.isEmpty()) {
            peers.add(PeerKey.ANY_PEER);
        }
        List<CounterSample> samples = new ArrayList<>();
        for (String peer : peers) {
            samples.add(new CounterSample(CounterSample.VERSION, device, peer, at, false, 0, null, null,
                    Counters.ZERO, Counters.ZERO));
        }
        return samples;
    }

    /** How each row of the last walk was judged, by cipSecTunIndex (for tests and debug logging). */
    public Map<Integer, RowOutcome> lastOutcomes() {
        return Map.copyOf(lastOutcomes);
    }

    private SaRowDelta.Result deltaOf(SaRow row, Duration elapsed) {
        if (baseline == null) {
            return new SaRowDelta.Result(Counters.ZERO, RowOutcome.BASELINE);
        }
        SaRow previous = baselineRows.get(row.tunIndex());
        return previous == null
                ? SaRowDelta.fresh(row, elapsed, limits)
                : SaRowDelta.between(previous, row, elapsed, limits);
    }

    private Set<String> peersOf(Set<String> withSa, Set<String> withIke) {
        Set<String> peers = new LinkedHashSet<>(expectedPeers);
        peers.addAll(new TreeSet<>(withSa));
        peers.addAll(new TreeSet<>(withIke));
        return peers;
    }

    private static Map<String, String> ikeStatusByPeer(List<IkeRow> ikeRows) {
        Map<String, String> status = new HashMap<>();
        for (IkeRow row : ikeRows) {
            status.merge(row.peer(), row.active() ? STATUS_ACTIVE : STATUS_DESTROY,
                    (a, b) -> STATUS_ACTIVE.equals(a) || STATUS_ACTIVE.equals(b) ? STATUS_ACTIVE : STATUS_DESTROY);
        }
        return status;
    }

    /** The running sum of one peer's rows. */
    private static final class PeerSum {
        int saCount;
        boolean anyActive;
        Counters totals = Counters.ZERO;
        Counters deltas = Counters.ZERO;

        void add(SaRow row, Counters delta) {
            saCount++;
            anyActive |= row.active();
            totals = CounterVector.plus(totals, row.counters());
            deltas = CounterVector.plus(deltas, delta);
        }

        String ipsecStatus() {
            if (saCount == 0) {
                return STATUS_NONE;
            }
            return anyActive ? STATUS_ACTIVE : STATUS_DESTROY;
        }
    }
}
