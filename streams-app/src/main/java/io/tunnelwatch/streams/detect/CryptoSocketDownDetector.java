package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Optional;

/**
 * CryptoSocketDown [IPSEC] (the runbook's layer 3, IPsec SAs): a DMVPN crypto socket to the peer's NBMA address
 * went down and no IPsec SA came up for {@code stuckAfter}. The socket is the tunnel protection of the mGRE tunnel
 * towards that peer, so it is the IPsec layer; the wait lets an IKE or underlay cause reported at the same moment
 * open instead. Read from the peer's recent events: the newest socket or SA message must be the socket going down.
 * A phase-2 failure message within the window says more (its reason): then IpsecNegotiationFailed opens instead.
 */
public record CryptoSocketDownDetector(DetectorSettings settings) implements Detector {

    private static final EventKind[] IPSEC_NEWS = {EventKind.CRYPTO_SOCKET_DOWN, EventKind.CRYPTO_SOCKET_UP,
        EventKind.SESSION_UP, EventKind.IPSEC_SA_UP};

    @Override
    public AlertType type() {
        return AlertType.CRYPTO_SOCKET_DOWN;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        Evidence down = socketDown(s, now);
        if (down == null || now.isBefore(down.at().plus(settings.stuckAfter())) || phaseTwoFailedRecently(s, now)) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), EvidenceLines.held("the crypto socket to " + s.peer()
                + " is down", down.at()), () -> EvidenceLines.events(s, EventKind.CRYPTO_SOCKET_DOWN,
                EventKind.CRYPTO_SOCKET_UP)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        Evidence down = socketDown(s, now);
        if (down == null) {
            return Optional.empty();
        }
        Instant failureEnds = s.ipsec().lastFailureAt() == null
                ? null : s.ipsec().lastFailureAt().plus(settings.messageWindow());
        return java.util.stream.Stream.of(down.at().plus(settings.stuckAfter()), failureEnds)
                .map(t -> Detector.after(t, now)).flatMap(Optional::stream).min(Instant::compareTo);
    }

    private boolean phaseTwoFailedRecently(PeerState s, Instant now) {
        Instant failed = s.ipsec().lastFailureAt();
        return failed != null && now.isBefore(failed.plus(settings.messageWindow()));
    }

    /** The socket-down message still in force, or null. */
    private static Evidence socketDown(PeerState s, Instant now) {
        if (s.ipsec().state() != IpsecState.NO_SA) {
            return null;
        }
        Evidence newest = EvidenceLines.latest(s, now, java.time.Duration.ofDays(3650), IPSEC_NEWS);
        return newest != null && EventKind.CRYPTO_SOCKET_DOWN.name().equals(newest.kind()) ? newest : null;
    }
}
