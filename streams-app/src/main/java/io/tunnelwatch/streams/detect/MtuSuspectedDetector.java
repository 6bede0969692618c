package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.alert.AlertType;
import io.tunnelwatch.streams.alert.Finding;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * MtuSuspected [MTU] (RUNBOOK.md "MTU"): IPsec adds 50–70 bytes, so oversized packets are dropped while small ones
 * pass. Seen as drops (or replay errors from process-level reassembly) in at least two of the last
 * {@code flatSamples} polls while traffic passes both ways. MTU is the highest layer, so any other finding of the
 * peer is the root cause first and this one is only attached to it.
 */
public final class MtuSuspectedDetector implements Detector {

    static final String CAUSE = "packets are dropped while traffic passes both ways: oversized packets after the "
            + "IPsec overhead (MTU / MSS), or reassembly after fragmentation";
    private static final int MIN_SAMPLES_WITH_DROPS = 2;

    private final DetectorSettings settings;

    public MtuSuspectedDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.MTU_SUSPECTED;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        List<CounterDelta> d = s.recentDeltas();
        int n = settings.flatSamples();
        if (s.ipsec().state() != IpsecState.UP || d.size() < n) {
            return Optional.empty();
        }
        List<CounterDelta> last = d.subList(d.size() - n, d.size());
        boolean flowing = last.stream().allMatch(x -> x.encaps() > 0 && x.decaps() > 0);
        long withDrops = last.stream().filter(x -> x.drops() > 0 || x.replayDrops() > 0).count();
        if (!flowing || withDrops < MIN_SAMPLES_WITH_DROPS) {
            return Optional.empty();
        }
        return Optional.of(new Finding(type(), CAUSE, EvidenceLines.deltas(s, n)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        return Optional.empty();
    }
}
