package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.PeerKey;

/** Reads a peer's routing adjacencies: which one is down, and how a neighbour is named in a command. */
public final class RoutingAdjacencies {

    private RoutingAdjacencies() {
    }

    /** The adjacency down the longest, or null when every known adjacency is up. */
    public static RoutingAdjacency firstDown(PeerState s) {
        RoutingAdjacency first = null;
        for (RoutingAdjacency a : s.adjacencies()) {
            if (!a.up() && (first == null || a.since() != null && first.since() != null
                    && a.since().isBefore(first.since()))) {
                first = a;
            }
        }
        return first;
    }

    /** The neighbour's address for a command, or null when the message gave none (NHRP's {@code UNKNOWN}). */
    public static String address(RoutingAdjacency a) {
        String n = a.neighbor();
        return n == null || "UNKNOWN".equals(n) || PeerKey.ANY_PEER.equals(n) ? null : n;
    }
}
