package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import java.time.Instant;

/**
 * Phase 1 of a peer (docs/runbook.md#ike-layer).
 *
 * @param state            the IKE SA state last seen
 * @param since            when that state began (collector receive time)
 * @param lastFailure      the last phase-1 failure message kind, kept to name the cause of a stuck negotiation
 * @param lastFailureAt    when it arrived
 * @param lastRetransmitAt when the router last retransmitted an IKE packet unanswered (underlay evidence)
 */
public record IkeStatus(IkeState state, Instant since, EventKind lastFailure, Instant lastFailureAt,
                        Instant lastRetransmitAt) {

    public static final IkeStatus UNKNOWN = new IkeStatus(IkeState.UNKNOWN, null, null, null, null);

    public IkeStatus {
        state = state == null ? IkeState.UNKNOWN : state;
    }

    /** The status in {@code next}, keeping the since-when if the state does not change. */
    public IkeStatus enter(IkeState next, Instant at) {
        if (next == state && since != null) {
            return this;
        }
        // A fresh negotiation attempt starts with a clean slate of failures once phase 1 is up.
        boolean clearFailures = next.isUp();
        return new IkeStatus(next, at, clearFailures ? null : lastFailure, clearFailures ? null : lastFailureAt,
                clearFailures ? null : lastRetransmitAt);
    }

    public IkeStatus failed(EventKind kind, Instant at) {
        return new IkeStatus(state, since, kind, at, lastRetransmitAt);
    }

    public IkeStatus retransmitted(Instant at) {
        return new IkeStatus(state, since, lastFailure, lastFailureAt, at);
    }
}
