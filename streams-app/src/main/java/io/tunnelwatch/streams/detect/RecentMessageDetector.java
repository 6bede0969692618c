package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * An alert whose only signal is a (rate-limited) message: true while such a message arrived within
 * {@code messageWindow}. InvalidSpi (RECVD_PKT_INV_SPI, docs/runbook.md#traffic-layer) and CleartextReceived
 * (RECVD_PKT_NOT_IPSEC, "Layer 5") are two of them. A detector may step aside when a more specific diagnosis
 * explains the same message (clear text from a crypto-map peer over NAT-T: NatExemptionMissing). With both ends
 * monitored, an invalid SPI shortly after the far end's rekey names the desync ({@link BothEnds#rekeyDesync}).
 */
public final class RecentMessageDetector implements Detector {

    private final AlertType type;
    private final EventKind kind;
    private final String cause;
    private final DetectorSettings settings;
    private final BiPredicate<PeerState, Instant> explainedElsewhere;
    private final BiFunction<PeerState, Evidence, Optional<String>> specifics;

    /**
     * @param specifics what makes the cause specific for this message, when known (it leads the cause and joins the
     *                  evidence), e.g. the far end's rekey that an invalid SPI follows
     */
    public RecentMessageDetector(AlertType type, EventKind kind, String cause, DetectorSettings settings,
                                 BiPredicate<PeerState, Instant> explainedElsewhere,
                                 BiFunction<PeerState, Evidence, Optional<String>> specifics) {
        this.type = type;
        this.kind = kind;
        this.cause = cause;
        this.settings = settings;
        this.explainedElsewhere = explainedElsewhere;
        this.specifics = specifics;
    }

    public static RecentMessageDetector invalidSpi(DetectorSettings settings) {
        return new RecentMessageDetector(AlertType.INVALID_SPI, EventKind.INVALID_SPI,
                "the SAs are out of sync after a rekey: the peer uses an SPI this router no longer has", settings,
                (s, now) -> false, BothEnds::rekeyDesync);
    }

    /**
     * TunnelRecursiveRouting [UNDERLAY]: {@code %TUN-5-RECURDOWN} within the window. IOS disables the tunnel for a
     * while and retries, so the message repeats as long as the route to the tunnel destination points into the
     * tunnel; nothing says when it is fixed but its absence.
     */
    public static RecentMessageDetector recursiveRouting(DetectorSettings settings) {
        return new RecentMessageDetector(AlertType.TUNNEL_RECURSIVE_ROUTING, EventKind.TUNNEL_RECURSIVE_ROUTING,
                "recursive routing: the route to the tunnel destination is learned through the tunnel itself,"
                        + " so IOS disables the tunnel", settings, (s, now) -> false, (s, message) -> Optional.empty());
    }

    public static RecentMessageDetector cleartextReceived(DetectorSettings settings) {
        return new RecentMessageDetector(AlertType.CLEARTEXT_RECEIVED, EventKind.CLEARTEXT_RECEIVED,
                "asymmetric selectors: the peer sends in clear what this router expects protected "
                        + "(crypto ACLs not mirrored)", settings,
                (s, now) -> NatExemptionPattern.holds(s, settings, now), (s, message) -> Optional.empty());
    }

    @Override
    public AlertType type() {
        return type;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        Evidence message = EvidenceLines.latest(s, now, settings.messageWindow(), kind);
        if (message == null || explainedElsewhere.test(s, now)) {
            return Optional.empty();
        }
        Optional<String> specific = specifics.apply(s, message);
        return Optional.of(Finding.withLinesLater(type, specific.map(x -> x + ": " + cause).orElse(cause), () -> {
            List<String> evidence = new ArrayList<>(specific.stream().toList());
            evidence.addAll(EvidenceLines.events(s, kind));
            return evidence;
        }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        Evidence message = EvidenceLines.latest(s, now, settings.messageWindow(), kind);
        return message == null ? Optional.empty() : Detector.after(message.at().plus(settings.messageWindow()), now);
    }
}
