package io.tunnelwatch.collector.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A tunnel peer the inventory says a device should have.
 *
 * @param address          the remote IKE peer, canonical text (RFC 5952 for IPv6)
 * @param tunnel           the SVTI interface carrying it, canonical ({@code Tunnel7}), or null with a crypto map
 * @param cryptoAcl        the crypto map's ACL name, or null
 * @param routingNeighbors routing neighbours reached through this peer's tunnel (addresses or the tunnel's subnet),
 *                         so a routing message that names no interface (BGP) is tied to this peer; empty when none
 */
public record ExpectedPeer(String address, String tunnel, String cryptoAcl, List<RoutingNeighbor> routingNeighbors) {

    public ExpectedPeer {
        Objects.requireNonNull(address, "address");
        routingNeighbors = routingNeighbors == null ? List.of() : List.copyOf(routingNeighbors);
    }

    /** A peer without routing neighbours. */
    public ExpectedPeer(String address, String tunnel, String cryptoAcl) {
        this(address, tunnel, cryptoAcl, List.of());
    }

    /** Whether the inventory puts routing neighbour {@code neighbor} behind this peer's tunnel. */
    public boolean reaches(String neighbor) {
        return routingNeighbors.stream().anyMatch(n -> n.contains(neighbor));
    }
}
