package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EncapsStalled [ROUTING] (docs/runbook.md#routing-layer): SA up, decaps rising, encaps flat for {@code flatSamples}
 * polls:
 * local traffic is not routed into the tunnel or does not match the crypto ACL. Steps aside for NatExemptionMissing
 * when the peer is a crypto-map peer over NAT-T ({@link NatExemptionPattern}), which names the cause. With both ends
 * monitored ({@link BothEnds}), the far end's polls confirm it: the far end sends, this end decapsulates and sends
 * nothing back.
 */
public final class EncapsStalledDetector implements Detector {

    private final DetectorSettings settings;

    public EncapsStalledDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.ENCAPS_STALLED;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        if (!oneWay(s) || NatExemptionPattern.holds(s, settings, now)
                || BothEnds.awaitFarEnd(s, type(), settings, now).isPresent()) {
            return Optional.empty();
        }
        Optional<BothEnds> both = BothEnds.of(s, settings, now);
        String cause = both.flatMap(BothEnds::returnMissingHere).orElse(s.natT()
                ? "nothing is encrypted towards the peer: with NAT-T in use, a missing NAT exemption is likely"
                : "nothing is encrypted towards the peer: local traffic is not routed in or misses the crypto ACL");
        return Optional.of(Finding.withLinesLater(type(), cause, () -> {
            List<String> evidence = new ArrayList<>();
            both.ifPresent(b -> evidence.add(b.line(settings.flatSamples())));
            evidence.addAll(EvidenceLines.deltas(s, settings.flatSamples()));
            return evidence;
        }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        return oneWay(s) ? BothEnds.awaitFarEnd(s, type(), settings, now) : Optional.empty();
    }

    private boolean oneWay(PeerState s) {
        return OneWayTraffic.holds(s, settings.flatSamples(), CounterDelta::decaps, CounterDelta::encaps);
    }
}
