package io.tunnelwatch.streams.peer;

import java.time.Instant;

/**
 * One routing adjacency over the peer's tunnel as its last message told (the runbook's layer 5, route-based VPNs):
 * an OSPF or EIGRP neighbour on the tunnel interface, a BGP session the inventory puts behind the tunnel, or the
 * DMVPN NHRP registration with the hub.
 *
 * @param protocol  ospf, eigrp, bgp or nhrp
 * @param neighbor  the neighbour as the message names it (OSPF: its router id; NHRP: its tunnel address), or null
 * @param iface     the tunnel interface when the message names it, else null
 * @param up        whether the adjacency is up (OSPF FULL, EIGRP/BGP/NHRP up)
 * @param since     when it entered that state (collector receive time)
 * @param reason    the reason the message gives, e.g. {@code Neighbor Down: Dead timer expired}, or null
 */
public record RoutingAdjacency(String protocol, String neighbor, String iface, boolean up, Instant since,
                               String reason) {

    /** Whether this is the same adjacency as {@code other}: same protocol and neighbour. */
    public boolean sameAs(String otherProtocol, String otherNeighbor) {
        return java.util.Objects.equals(protocol, otherProtocol) && java.util.Objects.equals(neighbor, otherNeighbor);
    }

    /** For an operator: {@code BGP neighbour 169.254.22.6}, {@code OSPF neighbour 3.3.3.3 on Tunnel0}. */
    public String label() {
        String name = protocol == null ? "routing" : protocol.toUpperCase(java.util.Locale.ROOT);
        String who = neighbor == null || "UNKNOWN".equals(neighbor) ? " adjacency" : " neighbour " + neighbor;
        return name + who + (iface == null ? "" : " on " + iface);
    }
}
