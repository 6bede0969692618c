package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.alert.AlertType;
import io.tunnelwatch.streams.alert.Finding;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * IkeNegotiationStuck [IKE] (RUNBOOK.md "Layer 2"): held in MM_SA_SETUP / MM_KEY_EXCH / IN-NEG for {@code stuckAfter};
 * the cause comes from the last phase-1 failure message: proposal mismatch vs authentication (pre-shared key).
 */
public final class IkeNegotiationStuckDetector implements Detector {

    static final String PROPOSAL = "proposal mismatch: the peers share no IKE policy/proposal "
            + "(encryption, integrity, DH group)";
    static final String AUTHENTICATION = "authentication failed: pre-shared key mismatch (or certificate)";
    static final String MODE = "mode mismatch: main vs aggressive mode";
    static final String UNKNOWN = "no failure message seen: run the debug commands to see why";

    private static final EventKind[] EVIDENCE = {EventKind.IKE_STATE, EventKind.IKE_PROPOSAL_REJECTED,
        EventKind.IKE_ATTRIBUTES_NOT_OFFERED, EventKind.IKE_AUTH_FAILED, EventKind.IKE_BAD_MESSAGE,
        EventKind.IKE_KEY_LOOKUP_FAILED, EventKind.IKE_MODE_FAILURE, EventKind.IKE_AGGRESSIVE_MODE_DISABLED,
        EventKind.IKE_NEGOTIATION_ABORTED, EventKind.IKE_FAILURE, EventKind.IKE_NOT_ENCRYPTED, EventKind.IKE_NO_SA};

    private final DetectorSettings settings;

    public IkeNegotiationStuckDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.IKE_NEGOTIATION_STUCK;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        IkeStatus ike = s.ike();
        if (!ike.state().isMidNegotiation() || ike.since() == null
                || now.isBefore(ike.since().plus(settings.stuckAfter()))) {
            return Optional.empty();
        }
        return Optional.of(new Finding(type(), causeOf(s), EvidenceLines.events(s, EVIDENCE)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        IkeStatus ike = s.ike();
        return ike.state().isMidNegotiation() && ike.since() != null
                ? Detector.after(ike.since().plus(settings.stuckAfter()), now) : Optional.empty();
    }

    static String causeOf(PeerState s) {
        EventKind failure = s.ike().lastFailure();
        if (failure == null) {
            return UNKNOWN;
        }
        return switch (failure) {
            case IKE_PROPOSAL_REJECTED, IKE_ATTRIBUTES_NOT_OFFERED -> PROPOSAL;
            case IKE_AUTH_FAILED, IKE_BAD_MESSAGE, IKE_KEY_LOOKUP_FAILED, IKE_NOT_ENCRYPTED -> AUTHENTICATION;
            case IKE_MODE_FAILURE, IKE_AGGRESSIVE_MODE_DISABLED -> MODE;
            default -> fromText(s, failure);
        };
    }

    /** IKEv2 NEG_ABORT and the cike traps name the reason only in their text (e.g. NO_PROPOSAL_CHOSEN). */
    private static String fromText(PeerState s, EventKind failure) {
        for (int i = s.recentEvents().size() - 1; i >= 0; i--) {
            Evidence e = s.recentEvents().get(i);
            if (e.kind().equals(failure.name()) && e.text() != null) {
                String text = e.text().toUpperCase(Locale.ROOT);
                if (text.contains("PROPOSAL")) {
                    return PROPOSAL;
                }
                if (text.contains("AUTH")) {
                    return AUTHENTICATION;
                }
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}
