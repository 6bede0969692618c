package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.EventKind;
import java.time.Instant;

/**
 * Phase 2 of a peer (docs/runbook.md#ipsec-layer).
 *
 * @param state         whether an IPsec SA is live
 * @param since         when that began
 * @param lastFailure   the last phase-2 failure kind (IPSEC_SETUP_FAILED, PROXY_IDENTITIES_REJECTED)
 * @param failReason    its {@code fail_reason} field, or the message text when the field is absent
 * @param lastFailureAt when it arrived
 */
public record IpsecStatus(IpsecState state, Instant since, EventKind lastFailure, String failReason,
                          Instant lastFailureAt) {

    public static final IpsecStatus UNKNOWN = new IpsecStatus(IpsecState.UNKNOWN, null, null, null, null);

    public IpsecStatus {
        state = state == null ? IpsecState.UNKNOWN : state;
    }

    /** The status in {@code next}; an SA coming up clears the failure, which is then history. */
    public IpsecStatus enter(IpsecState next, Instant at) {
        if (next == state && since != null) {
            return this;
        }
        boolean up = next == IpsecState.UP;
        return new IpsecStatus(next, at, up ? null : lastFailure, up ? null : failReason, up ? null : lastFailureAt);
    }

    public IpsecStatus failed(EventKind kind, String reason, Instant at) {
        return new IpsecStatus(state, since, kind, reason, at);
    }
}
