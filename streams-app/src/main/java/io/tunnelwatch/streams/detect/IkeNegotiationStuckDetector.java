package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * IkeNegotiationStuck [IKE] (docs/runbook.md#ike-layer): held in MM_SA_SETUP / MM_KEY_EXCH / IN-NEG for {@code
 * stuckAfter};
 * the cause comes from the phase-1 failure messages: proposal mismatch vs authentication (pre-shared key). A peer
 * that refuses the proposal leaves IOS in MM_NO_STATE / INIT-SA ({@code show crypto isakmp sa} never moves on), which
 * alone would read as "no answer" (Layer 1); a failure message that only the peer's answer can produce, within
 * {@code messageWindow}, says the peer does answer, so that hang is this alert too.
 */
public final class IkeNegotiationStuckDetector implements Detector {

    static final String PROPOSAL = "proposal mismatch: the peers share no IKE policy/proposal "
            + "(encryption, integrity, DH group)";
    static final String AUTHENTICATION = "authentication failed: pre-shared key mismatch (or certificate)";
    static final String MODE = "mode mismatch: main vs aggressive mode";
    static final String EXCHANGE = "the peer answers but its phase-1 exchange fails (IKMP_MODE_FAILURE), most often "
            + "an IKE policy mismatch: compare the isakmp policies and keys";
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
        if (ike.since() == null || now.isBefore(ike.since().plus(settings.stuckAfter()))) {
            return Optional.empty();
        }
        if (!ike.state().isMidNegotiation()
                && !(ike.state().isAwaitingFirstAnswer() && peerAnswered(s, now, settings))) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), causeOf(s), () -> EvidenceLines.events(s, EVIDENCE)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        IkeStatus ike = s.ike();
        if (ike.since() == null) {
            return Optional.empty();
        }
        if (ike.state().isMidNegotiation()) {
            return Detector.after(ike.since().plus(settings.stuckAfter()), now);
        }
        if (ike.state().isAwaitingFirstAnswer() && ike.lastFailureAt() != null) {
            return Stream.of(ike.since().plus(settings.stuckAfter()),
                            ike.lastFailureAt().plus(settings.messageWindow()))
                    .map(t -> Detector.after(t, now)).flatMap(Optional::stream).min(Instant::compareTo);
        }
        return Optional.empty();
    }

    /**
     * Whether a phase-1 failure within {@code messageWindow} shows the peer answering IKE: its cause is known
     * (proposal, authentication, mode), which only a packet from the peer can tell. Layer 1 stands aside then.
     */
    static boolean peerAnswered(PeerState s, Instant now, DetectorSettings settings) {
        Instant at = s.ike().lastFailureAt();
        return at != null && now.isBefore(at.plus(settings.messageWindow()))
                && !UNKNOWN.equals(causeOf(s));
    }

    static String causeOf(PeerState s) {
        EventKind failure = s.ike().lastFailure();
        if (failure == null) {
            return UNKNOWN;
        }
        if (failure == EventKind.IKE_MODE_FAILURE) {
            // "Processing of Main mode failed" says where, not why: a specific failure of this attempt says why.
            return specificSince(s).orElse(EXCHANGE);
        }
        return causeOf(s, failure, null);
    }

    private static String causeOf(PeerState s, EventKind failure, Evidence e) {
        return switch (failure) {
            case IKE_PROPOSAL_REJECTED, IKE_ATTRIBUTES_NOT_OFFERED -> PROPOSAL;
            case IKE_AUTH_FAILED, IKE_BAD_MESSAGE, IKE_KEY_LOOKUP_FAILED, IKE_NOT_ENCRYPTED -> AUTHENTICATION;
            case IKE_MODE_FAILURE -> EXCHANGE;
            case IKE_AGGRESSIVE_MODE_DISABLED -> MODE;
            default -> e != null ? fromText(e.text()) : fromText(latestText(s, failure));
        };
    }

    /** The cause named by the newest phase-1 failure since the current IKE state began, other than a mode failure. */
    private static Optional<String> specificSince(PeerState s) {
        Instant since = s.ike().since();
        for (int i = s.recentEvents().size() - 1; i >= 0; i--) {
            Evidence e = s.recentEvents().get(i);
            if (since != null && e.at().isBefore(since)) {
                break;
            }
            EventKind kind = kindOf(e);
            if (kind != null && kind != EventKind.IKE_MODE_FAILURE && isPhaseOneFailure(kind)) {
                String cause = causeOf(s, kind, e);
                if (!UNKNOWN.equals(cause)) {
                    return Optional.of(cause);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isPhaseOneFailure(EventKind kind) {
        return Stream.of(EVIDENCE).anyMatch(k -> k == kind) && kind != EventKind.IKE_STATE
                && kind != EventKind.IKE_NO_SA;
    }

    private static EventKind kindOf(Evidence e) {
        try {
            return EventKind.valueOf(e.kind());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String latestText(PeerState s, EventKind failure) {
        for (int i = s.recentEvents().size() - 1; i >= 0; i--) {
            Evidence e = s.recentEvents().get(i);
            if (e.kind().equals(failure.name())) {
                return e.text();
            }
        }
        return null;
    }

    /** IKEv2 NEG_ABORT and the cike traps name the reason only in their text (e.g. NO_PROPOSAL_CHOSEN). */
    private static String fromText(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("PROPOSAL")) {
            return PROPOSAL;
        }
        return upper.contains("AUTH") ? AUTHENTICATION : UNKNOWN;
    }
}
