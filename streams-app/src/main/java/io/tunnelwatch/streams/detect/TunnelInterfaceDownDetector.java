package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Optional;

/**
 * TunnelInterfaceDown [ROUTING] (docs/runbook.md#routing-layer, route-based): the SVTI line protocol stayed down for
 * {@code stuckAfter}. The wait lets a lower-layer cause (an SVTI goes down with its SA) be diagnosed at the same
 * moment, so the root cause opens instead of this symptom.
 */
public final class TunnelInterfaceDownDetector implements Detector {

    private final DetectorSettings settings;

    public TunnelInterfaceDownDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.TUNNEL_INTERFACE_DOWN;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        PeerState.TunnelInterface t = s.tunnel();
        if (t == null || t.up() || now.isBefore(t.since().plus(settings.stuckAfter()))) {
            return Optional.empty();
        }
        String name = t.name() == null ? "the tunnel interface" : t.name();
        return Optional.of(Finding.withLinesLater(type(), EvidenceLines.held("line protocol down on " + name,
                t.since()), () -> EvidenceLines.events(s, EventKind.TUNNEL_INTERFACE_DOWN,
                EventKind.TUNNEL_INTERFACE_UP)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        PeerState.TunnelInterface t = s.tunnel();
        return t == null || t.up() ? Optional.empty() : Detector.after(t.since().plus(settings.stuckAfter()), now);
    }
}
