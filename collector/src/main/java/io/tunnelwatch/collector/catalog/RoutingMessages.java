package io.tunnelwatch.collector.catalog;

import static io.tunnelwatch.collector.catalog.CatalogEntry.of;
import static io.tunnelwatch.collector.catalog.CiscoMessages.addr;
import static io.tunnelwatch.events.IkeVersion.UNKNOWN;

import io.tunnelwatch.events.EventKind;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The routing layer over tunnels: routing adjacencies on tunnel interfaces (OSPF, OSPFv3, EIGRP), BGP sessions,
 * tunnel recursive routing and DMVPN (crypto sockets, NHRP registrations). Each row notes where its text was seen: [V]
 * verbatim in a published capture or Cisco document, and the fixture {@code syslog/cisco/routing-messages.tsv} names
 * the source of every line.
 *
 * <p>A routing neighbour is not the IKE peer: the rows put it in the field {@code neighbor} and leave the peer to
 * the collector, which ties the message to a tunnel peer by its interface or by the inventory's routing neighbours.
 * DMVPN messages name the NBMA address of the far end, which is the IKE peer, so their rows read it as the peer.
 * OSPF and EIGRP changes on interfaces other than tunnels are not tunnel events and match no row.
 */
final class RoutingMessages {

    /** An IOS tunnel interface name as messages print it ({@code Tunnel0}, {@code Tunnel101}). */
    private static final String TUNNEL = "(?<interface>Tunnel\\d+)";

    /** A DMVPN address pair member: {@code (Tunnel: 172.16.0.1 NBMA: 203.0.113.2 )}; the tunnel may be UNKNOWN. */
    private static final String NHRP_PAIR = "\\(\\s*Tunnel:\\s*(?<neighbor>[0-9A-Fa-f:.]+|UNKNOWN)\\s+NBMA:\\s*"
            + addr("peer") + "\\s*\\)\\s*for\\s*\\(\\s*Tunnel:\\s*(?<localTunnel>[0-9A-Fa-f:.]+|UNKNOWN)\\s+NBMA:\\s*"
            + addr("localNbma") + "\\s*\\)\\s*is\\s+(?<state>UP|DOWN)";

    /**
     * The text of an OSPF and OSPFv3 adjacency change; the reason is optional, and so is the address family OSPFv3
     * prints before the neighbour.
     */
    private static final String OSPF_ADJCHG = "Process\\s+(?<process>\\d+)\\s*,\\s*(?:(?<addressFamily>IPv[46])\\s*,\\s*)?"
            + "Nbr\\s+" + addr("neighbor") + "\\s+on\\s+" + TUNNEL
            + "\\s+from\\s+(?<fromState>[A-Z0-9_-]+)\\s+to\\s+(?<toState>[A-Z0-9_-]+)"
            + "(?:\\s*,\\s*+(?<reason>\\S(?:.*\\S)?))?";

    /** The role of the BGP connection some images print after the neighbour ({@code active}, {@code passive}). */
    private static final String ROLE = "(?:\\s+(?:active|passive))?";

    static final List<CatalogEntry> ROWS = List.of(
            // [V] "Process 10, Nbr 3.3.3.3 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired",
            // "... from LOADING to FULL, Loading Done"; also seen without the reason, and cut short by the console
            // ("..., Loa"). Nbr is the router id.
            of("OSPF", "ADJCHG", UNKNOWN, RoutingMessages::ospfUpOrDown, OSPF_ADJCHG)
                    .fields("process", "neighbor", "interface", "fromState", "toState", "reason")
                    .constant("protocol", "ospf"),
            // [V] OSPFv3 (IOS-XE spells the facility "OSPFv3"): "Process 1, IPv6, Nbr 2.2.2.2 on Ethernet1/0 from
            // LOADING to FULL, Loading Done"; older images print no address family. Seen on other interfaces only.
            of("OSPFv3", "ADJCHG", UNKNOWN, RoutingMessages::ospfUpOrDown, OSPF_ADJCHG).orFacilities("OSPFV3")
                    .fields("process", "addressFamily", "neighbor", "interface", "fromState", "toState", "reason")
                    .constant("protocol", "ospfv3"),
            // [V] "EIGRP-IPv4 100: Neighbor 172.16.0.1 (Tunnel0) is down: interface down" and the older
            // "IP-EIGRP(0) 100: Neighbor 13.0.0.3 (Tunnel0) is up: new adjacency"; "is resync" is neither
            of("DUAL", "NBRCHANGE", UNKNOWN, m -> "up".equals(m.group("state"))
                            ? EventKind.ROUTING_ADJACENCY_UP : EventKind.ROUTING_ADJACENCY_DOWN,
                    "(?:EIGRP-IPv[46]|IP-EIGRP\\(\\d+\\)|IPv6-EIGRP\\(\\d+\\))\\s*:?\\s*(?<asn>\\d+)\\s*:"
                            + "\\s*Neighbor\\s+"
                            + addr("neighbor") + "\\s+\\(" + TUNNEL + "\\)\\s+is\\s+(?<state>up|down)"
                            + "(?:\\s*:\\s*+(?<reason>\\S(?:.*\\S)?))?")
                    .fields("asn", "neighbor", "interface", "reason").constant("protocol", "eigrp"),
            // [V] "neighbor 169.254.0.1 Up", "neighbor 10.1.1.2 Down BGP Notification sent",
            // "neighbor 10.10.211.81 vpn vrf Artel_Keystone Down BGP Notification sent", "neighbor 10.12.1.2 active
            // Down BGP Notification received" (the connection's role); no interface in the text
            of("BGP", "ADJCHANGE", UNKNOWN, m -> "Up".equals(m.group("state"))
                            ? EventKind.ROUTING_ADJACENCY_UP : EventKind.ROUTING_ADJACENCY_DOWN,
                    "neighbor\\s+" + addr("neighbor") + ROLE + "(?:\\s+vpn\\s+vrf\\s+(?<vrf>\\S+))?" + ROLE
                            + "\\s+(?<state>Up|Down)(?:\\s++(?<reason>\\S(?:.*\\S)?))?")
                    .fields("neighbor", "vrf", "reason").constant("protocol", "bgp"),
            // [V] "neighbor 10.0.0.3 IPv4 Unicast topology base removed from session  Peer closed the session",
            // "... IPv4 Unicast vpn vrf  cust-1 topology base removed from session  BGP Notification  received":
            // logged with ADJCHANGE Down, the address family's routes are gone
            of("BGP_SESSION", "ADJCHANGE", UNKNOWN, EventKind.ROUTING_ADJACENCY_DOWN,
                    "neighbor\\s+" + addr("neighbor") + ROLE + "\\s+(?<addressFamily>\\S+\\s+\\S+)"
                            + "(?:\\s+vpn\\s+vrf\\s+(?<vrf>\\S+))?\\s+topology\\s+(?<topology>\\S+)\\s+removed\\s+from"
                            + "\\s+session(?:\\s++(?<reason>\\S(?:.*\\S)?))?")
                    .fields("neighbor", "addressFamily", "vrf", "topology", "reason").constant("protocol", "bgp"),
            // [V] "sent to neighbor 10.1.1.2 4/0 (hold time expired) 0 bytes", "received from neighbor 10.12.1.2
            // active 2/2 (peer in wrong AS) 2 bytes FF78": a NOTIFICATION always closes the session (RFC 4271)
            of("BGP", "NOTIFICATION", UNKNOWN, EventKind.ROUTING_ADJACENCY_DOWN,
                    "(?:sent\\s+to|received\\s+from)\\s+neighbor\\s+" + addr("neighbor")
                            + "(?:\\s+(?:active|passive))?\\s+(?<code>\\d+/\\d+)\\s*\\((?<reason>[^)]*)\\)")
                    .fields("neighbor", "code", "reason").constant("protocol", "bgp"),
            // [V] "Neighbor 10.12.1.2 active reset (BGP Notification received)"
            of("BGP", "NBR_RESET", UNKNOWN, EventKind.ROUTING_ADJACENCY_DOWN,
                    "Neighbor\\s+" + addr("neighbor")
                            + "(?:\\s+(?:active|passive))?\\s+reset\\s*\\((?<reason>[^)]*)\\)")
                    .fields("neighbor", "reason").constant("protocol", "bgp"),
            // [V] Cisco tech note 22327: "Tunnel0 temporarily disabled due to recursive routing"
            of("TUN", "RECURDOWN", UNKNOWN, EventKind.TUNNEL_RECURSIVE_ROUTING,
                    TUNNEL + "\\s+temporarily\\s+disabled\\s+due\\s+to\\s+recursive\\s+routing")
                    .fields("interface"),
            // [V] "Midchain parent maintenance for IP midchain out of Tunnel1 - looped chain attempting to stack":
            // the same loop, seconds before RECURDOWN on a point-to-point tunnel; a multipoint GRE (DMVPN) tunnel
            // is reported to print only this one
            of("ADJ", "PARENT", UNKNOWN, EventKind.TUNNEL_RECURSIVE_ROUTING,
                    "Midchain\\s+parent\\s+maintenance\\s+for\\s+\\S+\\s+midchain\\s+out\\s+of\\s+" + TUNNEL
                            + "\\s*-\\s*looped\\s+chain")
                    .fields("interface"),
            // [V] "Tunnel0: local address : 203.0.113.2 remote address : 198.51.100.2 socket is DOWN"; the remote
            // address is the NBMA address of the far end, its IKE peer. The short form "Tunnel0-<nbma>" is [U].
            of("DMVPN", "CRYPTO_SS", UNKNOWN, m -> "UP".equals(m.group("state"))
                            ? EventKind.CRYPTO_SOCKET_UP : EventKind.CRYPTO_SOCKET_DOWN,
                    TUNNEL + "(?:\\s*:\\s*local\\s+address\\s*:\\s*" + addr("localAddr")
                            + "\\s+remote\\s+address\\s*:\\s*|-)" + addr("peer")
                            + "\\s+socket\\s+is\\s+(?<state>UP|DOWN)")
                    .fields("interface", "localAddr"),
            // [V] "Tunnel0: Next Hop Server : (Tunnel: 172.16.0.1 NBMA: 203.0.113.2 ) for (Tunnel: 172.16.0.2
            // NBMA: 198.51.100.2) is DOWN, Reason: External(NHRP: no error)", NHRP_NHS_UP "... is  UP", NHC_UP;
            // the first pair is the far end (the hub, an NHS, for a spoke; a client, NHC, for the hub)
            of("DMVPN", "NHRP_NHS_DOWN", UNKNOWN, RoutingMessages::nhrpUpOrDown,
                    TUNNEL + "\\s*:\\s*Next\\s+Hop\\s+(?:Server|Client)\\s*:\\s*" + NHRP_PAIR
                            + "(?:\\s*,\\s*Reason:\\s*+(?<reason>\\S(?:.*\\S)?))?")
                    .orMnemonics("NHRP_NHS_UP", "NHRP_NHC_DOWN", "NHRP_NHC_UP")
                    .fields("interface", "neighbor", "localTunnel", "localNbma", "reason")
                    .constant("protocol", "nhrp"));

    private RoutingMessages() {
    }

    /** FULL is the only state an OSPF adjacency carries routes in; any other is down (or still forming). */
    private static EventKind ospfUpOrDown(Matcher m) {
        return "FULL".equals(m.group("toState")) ? EventKind.ROUTING_ADJACENCY_UP : EventKind.ROUTING_ADJACENCY_DOWN;
    }

    private static EventKind nhrpUpOrDown(Matcher m) {
        return "UP".equals(m.group("state")) ? EventKind.ROUTING_ADJACENCY_UP : EventKind.ROUTING_ADJACENCY_DOWN;
    }
}
