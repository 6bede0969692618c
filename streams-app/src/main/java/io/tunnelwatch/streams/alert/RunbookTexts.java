package io.tunnelwatch.streams.alert;

import io.tunnelwatch.streams.verdict.AlertType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * For every alert, a one-line summary and the IOS-XE commands to run next, in the words of docs/runbook.md (layer by
 * layer), with its placeholders. Debug commands are always followed by {@code undebug all}.
 */
public final class RunbookTexts {

    private static final List<String> SA_PACKETS = List.of(
            "show crypto ipsec sa peer <peer> | include pkts",
            "show crypto ipsec sa detail",
            "show crypto session remote <peer>",
            "show crypto engine connections active");
    private static final List<String> SELECTORS = List.of(
            "show crypto map",
            "show ip access-lists <acl>",
            "show crypto ipsec sa peer <peer> | include access-list");
    private static final List<String> UNDERLAY = List.of(
            "ping <peer> source <src-if>",
            "! confirm no firewall drops UDP 500 (IKE), UDP 4500 (NAT-T) or ESP (IP protocol 50) to <peer>");

    private static final Map<AlertType, Entry> ENTRIES = new EnumMap<>(AlertType.class);

    static {
        put(AlertType.DEVICE_SILENT, "tunnelwatch hears nothing from the router (no syslog, polls failing)",
                List.of("show logging", "show snmp"));
        put(AlertType.PEER_UNREACHABLE, "the peer does not answer IKE: the underlay between the routers is broken",
                UNDERLAY);
        put(AlertType.EXPECTED_PEER_MISSING, "an expected peer has no SA and no negotiation", UNDERLAY);
        put(AlertType.TUNNEL_FLAPPING, "the tunnel keeps going down and up",
                List.of("show crypto session remote <peer> detail", "show logging | include <peer>",
                        "ping <peer> source <src-if> repeat 100"));
        put(AlertType.IKE_NEGOTIATION_STUCK, "IKE phase 1 does not complete",
                List.of("show crypto isakmp sa", "show crypto ikev2 sa detail", "show crypto ikev2 proposal",
                        "show crypto isakmp policy", "show crypto isakmp key",
                        "show running-config | include pre-shared-key", "debug crypto ikev2 error",
                        "debug crypto isakmp error", "undebug all"));
        put(AlertType.IPSEC_NEGOTIATION_FAILED, "IKE is up but no IPsec SA is established",
                List.of("show crypto ipsec sa peer <peer>", "show crypto ipsec transform-set",
                        "show running-config | include pfs", "show crypto map", "show ip access-lists <acl>",
                        "debug crypto ipsec error", "undebug all"));
        put(AlertType.DECAPS_STALLED, "packets are encrypted towards the peer but nothing comes back", SA_PACKETS);
        put(AlertType.INVALID_SPI, "packets arrive for an unknown SPI: the SAs are out of sync after a rekey",
                SA_PACKETS);
        put(AlertType.CRYPTO_ERRORS, "replay, authentication or decrypt failures are rising", SA_PACKETS);
        put(AlertType.TUNNEL_INTERFACE_DOWN, "the tunnel interface line protocol is down",
                List.of("show interface tunnel <id>", "show ip route <peer>"));
        put(AlertType.TUNNEL_RECURSIVE_ROUTING,
                "the route to the tunnel destination points into the tunnel: IOS disables the tunnel (recursive routing)",
                List.of("show ip route <peer>", "show ip cef <peer>", "show interface tunnel <id>",
                        "! the tunnel destination must be routed via the underlay, never learned over the tunnel"));
        put(AlertType.CRYPTO_SOCKET_DOWN, "the DMVPN crypto socket to the peer is down: no IPsec SA protects the tunnel",
                List.of("show dmvpn detail", "show crypto socket", "show crypto session remote <peer>",
                        "show crypto ipsec sa peer <peer>", "ping <peer> source <src-if>"));
        put(AlertType.ROUTING_ADJACENCY_DOWN,
                "IPsec is up but a routing adjacency over the tunnel is down: no routes through it",
                List.of("show ip ospf neighbor tunnel <id>", "show ip eigrp neighbors tunnel <id>",
                        "show ip bgp summary", "show ip bgp neighbors <neighbor>", "show ip route <neighbor>",
                        "show ip nhrp nhs detail", "ping <neighbor> source tunnel <id>"));
        put(AlertType.ENCAPS_STALLED, "packets come in from the peer but nothing is encrypted towards it",
                SELECTORS);
        put(AlertType.CLEARTEXT_RECEIVED, "clear-text packets arrive where IPsec was expected", SELECTORS);
        put(AlertType.NAT_EXEMPTION_MISSING, "traffic is translated before encryption and never matches the ACL",
                List.of("show crypto isakmp sa detail | include NAT", "show crypto ikev2 sa detail | include NAT",
                        "show ip nat translations", "show running-config | section ip nat"));
        put(AlertType.MTU_SUSPECTED, "large packets are dropped while small ones pass",
                List.of("show crypto ipsec sa peer <peer> | include mtu|pkts|errors",
                        "ping <peer> size 1500 df-bit source <src-if>",
                        "ping <peer> size 1400 df-bit source <src-if>",
                        "ping <destination> size 1400 df-bit source <src-if>",
                        "ping <destination> size 1300 df-bit source <src-if>",
                        "show ip traffic | include Frags|fragment",
                        "! on interface tunnel <id>: ip mtu 1400 and ip tcp adjust-mss 1360"));
    }

    private RunbookTexts() {
    }

    public static String summary(AlertType type) {
        return ENTRIES.get(type).summary();
    }

    /** The next commands for {@code type}, filled and runnable: none holds a placeholder. */
    public static List<String> commands(AlertType type, Placeholders values) {
        return ENTRIES.get(type).commands().stream().map(values::runnable).flatMap(java.util.Optional::stream)
                .distinct().toList();
    }

    /** The runbook's commands for {@code type} as written, with their placeholders. */
    public static List<String> templates(AlertType type) {
        return ENTRIES.get(type).commands();
    }

    private static void put(AlertType type, String summary, List<String> commands) {
        ENTRIES.put(type, new Entry(summary, List.copyOf(commands)));
    }

    private record Entry(String summary, List<String> commands) {
    }
}
