package io.tunnelwatch.streams.pair;

import io.tunnelwatch.streams.peer.TunnelEnd;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ends of tunnels between two monitored routers, as last reported: the value of the {@code tunnel-pairs} store,
 * keyed by the device pair. Usually two (one tunnel, seen from each router); bounded, so a router pair with many
 * peer addresses cannot grow it.
 */
public record TunnelPair(int v, List<TunnelEnd> ends) {

    public static final int VERSION = 1;
    public static final int MAX_ENDS = 16;

    public TunnelPair {
        ends = ends == null ? List.of() : List.copyOf(ends);
    }

    public static TunnelPair empty() {
        return new TunnelPair(VERSION, List.of());
    }

    /** Whether this end (device and peer) has reported before. */
    public boolean knows(TunnelEnd end) {
        return ends.stream().anyMatch(e -> e.key().equals(end.key()));
    }

    /** With {@code end} replacing its previous report; the end heard from longest ago goes when over the bound. */
    public TunnelPair with(TunnelEnd end) {
        List<TunnelEnd> next = new ArrayList<>(ends.stream().filter(e -> !e.key().equals(end.key())).toList());
        next.add(end);
        if (next.size() > MAX_ENDS) {
            next.remove(next.stream().min(Comparator.comparing(TunnelEnd::at)).orElseThrow());
        }
        return new TunnelPair(VERSION, next);
    }

    /** The ends that see the tunnel from the other router. */
    public List<TunnelEnd> oppositesOf(TunnelEnd end) {
        return ends.stream().filter(end::isOppositeOf).toList();
    }
}
