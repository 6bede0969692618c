package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.RoutingAdjacencies;
import io.tunnelwatch.streams.peer.RoutingAdjacency;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Optional;

/**
 * RoutingAdjacencyDown [ROUTING] (the runbook's layer 5: route-based VPNs run a routing protocol over the tunnel):
 * an OSPF, EIGRP, BGP or NHRP adjacency over the peer's tunnel stayed down for {@code stuckAfter} while the layers
 * below are not known to be broken: "IPsec up, adjacency down". With the IPsec SA known to be missing, or IKE down or
 * negotiating, the adjacency is a symptom and this detector stays quiet, so the lower layer's alert opens instead;
 * the wait gives a lower cause reported at the same moment its chance to be seen first. It resolves once every
 * adjacency it knows is up again.
 */
public record RoutingAdjacencyDownDetector(DetectorSettings settings) implements Detector {

    @Override
    public AlertType type() {
        return AlertType.ROUTING_ADJACENCY_DOWN;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        RoutingAdjacency down = RoutingAdjacencies.firstDown(s);
        if (down == null || down.since() == null || now.isBefore(down.since().plus(settings.stuckAfter()))
                || lowerLayerBroken(s)) {
            return Optional.empty();
        }
        String ipsec = s.ipsec().state() == IpsecState.UP ? "IPsec is up" : "the IPsec state is not known";
        String cause = down.label() + " is down" + (down.reason() == null ? "" : " (" + down.reason() + ")")
                + " while " + ipsec + ": " + EvidenceLines.held("down", down.since());
        return Optional.of(Finding.withLinesLater(type(), cause,
                () -> EvidenceLines.events(s, EventKind.ROUTING_ADJACENCY_DOWN, EventKind.ROUTING_ADJACENCY_UP)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        RoutingAdjacency down = RoutingAdjacencies.firstDown(s);
        return down == null || down.since() == null
                ? Optional.empty() : Detector.after(down.since().plus(settings.stuckAfter()), now);
    }

    /** IPsec known missing, or IKE down or negotiating: the adjacency cannot be up, a lower layer explains it. */
    private static boolean lowerLayerBroken(PeerState s) {
        if (s.ipsec().state() == IpsecState.NO_SA) {
            return true;
        }
        IkeState ike = s.ike().state();
        return ike == IkeState.NO_SA || ike == IkeState.DELETED || ike.isAwaitingFirstAnswer()
                || ike.isMidNegotiation();
    }
}
