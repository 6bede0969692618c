package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Root cause first: the lower layer, then the detector order of docs/architecture.md. */
    private static final Comparator<Finding> ROOT_CAUSE_FIRST =
            Comparator.comparing(Finding::type, (a, b) -> a == b ? 0 : a.isBelow(b) ? -1 : 1);

    /**
     * The findings now, root cause first. Runs once per input of every peer, so it loops rather than streams and
     * allocates a list only when something holds (most peers are healthy); docs/performance.md has the profile.
     */
    public List<Finding> findings(PeerState state, Instant now) {
        List<Finding> found = null;
        for (Detector d : detectors) {
            Optional<Finding> f = d.detect(state, now);
            if (f.isPresent()) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(f.get());
            }
        }
        if (found == null) {
            return List.of();
        }
        found.sort(ROOT_CAUSE_FIRST);
        return found;
    }

    /** The earliest timer of any detector after {@code now}, or null. */
    public Instant nextCheck(PeerState state, Instant now) {
        Instant earliest = null;
        for (Detector d : detectors) {
            Optional<Instant> at = d.nextCheck(state, now);
            if (at.isPresent() && (earliest == null || at.get().isBefore(earliest))) {
                earliest = at.get();
            }
        }
        return earliest;
    }
}
