package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PeerUnreachable [UNDERLAY] (docs/runbook.md#underlay-layer): IKE held in MM_NO_STATE / INIT-SA, or retransmitting
 * unanswered,
 * or the session down without a later UP, for {@code stuckAfter}; or the IP SLA probe to the peer failing. "Not
 * reachable" means no answer on UDP 500/4500 at all: a session down while phase-2 failures keep arriving, or a hang
 * in MM_NO_STATE / INIT-SA while phase-1 failures show the peer refusing (a proposal mismatch leaves IOS there), is
 * not the underlay: the peer answers IKE ({@link IkeNegotiationStuckDetector}).
 */
public final class PeerUnreachableDetector implements Detector {

    private static final EventKind[] EVIDENCE = {EventKind.SESSION_DOWN, EventKind.IKE_SA_DOWN,
        EventKind.IKE_RETRANSMIT, EventKind.IKE_STATE, EventKind.UNDERLAY_PROBE_FAILED};

    private final DetectorSettings settings;

    public PeerUnreachableDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.PEER_UNREACHABLE;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        IkeStatus ike = s.ike();
        if (ike.state().isUp() || ike.state().isMidNegotiation()) {
            return Optional.empty();
        }
        String cause = null;
        if (Boolean.TRUE.equals(s.probeFailing())) {
            cause = "the IP SLA probe to " + s.peer() + " fails";
        } else if (IkeNegotiationStuckDetector.peerAnswered(s, now, settings)) {
            return Optional.empty();
        } else if (ike.state().isAwaitingFirstAnswer() && heldLongEnough(ike, now)) {
            cause = "no answer to IKE from " + s.peer() + ": " + EvidenceLines.held(ike.state().name(), ike.since());
        } else if (retransmitting(ike, now) && (ike.since() == null || heldLongEnough(ike, now))) {
            cause = "IKE packets to " + s.peer() + " are retransmitted unanswered (last " + ike.lastRetransmitAt() + ")";
        } else if (isDown(ike.state()) && heldLongEnough(ike, now) && !phaseTwoFailedRecently(s, now)) {
            cause = "the session went down and did not come back: " + EvidenceLines.held("down", ike.since());
        }
        if (cause == null) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), cause, () -> EvidenceLines.events(s, EVIDENCE)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        IkeStatus ike = s.ike();
        if (ike.state().isUp() || ike.state().isMidNegotiation()) {
            return Optional.empty();
        }
        Instant heldDue = ike.since() == null ? null : ike.since().plus(settings.stuckAfter());
        Instant retransmitEnds = ike.lastRetransmitAt() == null
                ? null : ike.lastRetransmitAt().plus(settings.stuckAfter());
        Instant answerEnds = ike.lastFailureAt() == null ? null : ike.lastFailureAt().plus(settings.messageWindow());
        Instant phaseTwoEnds = s.ipsec().lastFailureAt() == null
                ? null : s.ipsec().lastFailureAt().plus(settings.messageWindow());
        return Stream.of(heldDue, retransmitEnds, answerEnds, phaseTwoEnds).map(t -> Detector.after(t, now))
                .flatMap(Optional::stream).min(Instant::compareTo);
    }

    private boolean heldLongEnough(IkeStatus ike, Instant now) {
        return ike.since() != null && !now.isBefore(ike.since().plus(settings.stuckAfter()));
    }

    /**
     * A quick-mode / child-SA failure needs an IKE SA with the peer, so the peer answers: a session down followed by
     * such failures is IpsecNegotiationFailed, not an underlay problem.
     */
    private boolean phaseTwoFailedRecently(PeerState s, Instant now) {
        Instant failed = s.ipsec().lastFailureAt();
        return failed != null && now.isBefore(failed.plus(settings.messageWindow()));
    }

    private boolean retransmitting(IkeStatus ike, Instant now) {
        return ike.lastRetransmitAt() != null && now.isBefore(ike.lastRetransmitAt().plus(settings.stuckAfter()));
    }

    private static boolean isDown(IkeState state) {
        return state == IkeState.NO_SA || state == IkeState.DELETED;
    }
}
