package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every per-peer detector, run together: the findings root cause first (lowest layer,
 * docs/architecture.md#detectors-and-alerts) and the earliest moment any of them may change without new input.
 */
public final class PeerDiagnosis {

    private final List<Detector> detectors;

    public PeerDiagnosis(DetectorSettings settings) {
        this.detectors = List.of(
                RecentMessageDetector.recursiveRouting(settings),
                new PeerUnreachableDetector(settings),
                new ExpectedPeerMissingDetector(settings),
                new TunnelFlappingDetector(settings),
                new IkeNegotiationStuckDetector(settings),
                new CryptoSocketDownDetector(settings),
                new IpsecNegotiationFailedDetector(settings),
                new DecapsStalledDetector(settings),
                RecentMessageDetector.invalidSpi(settings),
                new CryptoErrorsDetector(settings),
                new TunnelInterfaceDownDetector(settings),
                new RoutingAdjacencyDownDetector(settings),
                new EncapsStalledDetector(settings),
                RecentMessageDetector.cleartextReceived(settings),
                new NatExemptionMissingDetector(settings),
                new MtuSuspectedDetector(settings));
    }

    /** The findings now, root cause first. */
    public List<Finding> findings(PeerState state, Instant now) {
        return detectors.stream().map(d -> d.detect(state, now)).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Finding::type, (a, b) -> a == b ? 0 : a.isBelow(b) ? -1 : 1))
                .toList();
    }

    /** The earliest timer of any detector after {@code now}. */
    public Optional<Instant> nextCheck(PeerState state, Instant now) {
        return detectors.stream().map(d -> d.nextCheck(state, now)).flatMap(Optional::stream)
                .min(Instant::compareTo);
    }
}
