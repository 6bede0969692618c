package io.tunnelwatch.streams.peer;

import java.util.Objects;

/**
 * Which changes of a peer's state {@code tunnelwatch.peer-state} must carry soon (pure, no Kafka types). The store
 * takes every change; the topic is for readers who want to know where a tunnel stands, so it gets the state (at the
 * next punctuation, the latest one) when a verdict moves: the phase, a layer's verdict (IKE, IPsec, the tunnel
 * interface's line protocol, the IP SLA probe, NAT traversal) or the open alert (opened, re-diagnosed, clearing,
 * resolved). Anything else (counters, the last event, the recent history) is held back and published by the periodic
 * refresh.
 */
public final class PeerStatePublication {

    private PeerStatePublication() {
    }

    /** Whether {@code after} must be published soon; a peer seen for the first time ({@code before} null) must. */
    public static boolean isVerdictChange(PeerState before, PeerState after) {
        if (before == null) {
            return true;
        }
        return before.phase() != after.phase()
                || before.ike().state() != after.ike().state()
                || before.ipsec().state() != after.ipsec().state()
                || before.natT() != after.natT()
                || !Objects.equals(before.probeFailing(), after.probeFailing())
                || !Objects.equals(tunnelUp(before), tunnelUp(after))
                || !Objects.equals(before.openAlert(), after.openAlert());
    }

    private static Boolean tunnelUp(PeerState s) {
        return s.tunnel() == null ? null : s.tunnel().up();
    }
}
