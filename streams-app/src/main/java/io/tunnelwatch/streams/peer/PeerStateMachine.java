package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Instant;

/**
 * The per-peer state machine of RUNBOOK.md, as a pure function: prior state + event → next state. No Kafka types,
 * no clock: time comes from the event's receive time.
 */
public final class PeerStateMachine {

    /** The state after {@code event}; {@code prior} may be null for a peer not seen before. */
    public PeerState apply(PeerState prior, TunnelEvent event) {
        PeerState state = prior != null ? prior : PeerState.unknown(event.device(), event.peer());
        PeerPhase phase = switch (event.kind()) {
            case SESSION_UP -> PeerPhase.IPSEC_UP;
            case SESSION_DOWN -> PeerPhase.DOWN;
            default -> state.phase();
        };
        Instant at = event.receivedAt();
        Instant since = phase == state.phase() && state.phaseSince() != null ? state.phaseSince() : at;
        IkeVersion ike = event.ikeVersion() == IkeVersion.UNKNOWN ? state.ikeVersion() : event.ikeVersion();
        String natField = event.fields().get("nat_t");
        boolean natT = natField == null ? state.natT() : Boolean.parseBoolean(natField);
        return new PeerState(PeerState.VERSION, state.device(), state.peer(), phase, since, ike, natT, at,
                event.mnemonic());
    }
}
