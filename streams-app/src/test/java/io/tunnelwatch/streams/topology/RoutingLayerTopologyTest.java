package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing layer over tunnels: an adjacency down over an up IPsec tunnel opens RoutingAdjacencyDown and its
 * return resolves it; below a broken IPsec layer it stays a symptom; recursive routing and a DMVPN crypto socket
 * down open at their own layers. Message texts as the collector's fixtures source them.
 */
class RoutingLayerTopologyTest {

    private static final String OSPF_DOWN =
            "Process 10, Nbr 3.3.3.3 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired";
    private static final String OSPF_UP = "Process 10, Nbr 3.3.3.3 on Tunnel0 from LOADING to FULL, Loading Done";

    @TempDir
    Path stateDir;

    /** The whole topology with its wall clock at T0; each test closes its own. */
    private AlertTopologyDriver topology() {
        return new AlertTopologyDriver(stateDir, T0, PeerStateListener.NONE);
    }

    @Test
    void shouldOpenRoutingAdjacencyDownWhenOspfStaysDownOverAnUpIpsecTunnelAndResolveWhenItIsFullAgain() {
        try (AlertTopologyDriver tw = topology()) {
            tw.pipe(event(EventKind.SESSION_UP, T0));
            tw.pipe(ospf(EventKind.ROUTING_ADJACENCY_DOWN, T0.plusSeconds(5), "DOWN", OSPF_DOWN,
                    "Neighbor Down: Dead timer expired"));
            tw.advance(Duration.ofSeconds(64));
            assertThat(tw.alerts()).as("a minute for a lower cause to show").isEmpty();

            tw.advance(Duration.ofSeconds(2));
            AlertRecord opened = single(tw.alerts());
            assertThat(opened.alert()).isEqualTo("RoutingAdjacencyDown");
            assertThat(opened.layer()).isEqualTo("ROUTING");
            assertThat(opened.cause()).startsWith("OSPF neighbour 3.3.3.3 on Tunnel0 is down (Neighbor Down: Dead timer"
                    + " expired) while IPsec is up");
            assertThat(opened.evidence()).anyMatch(l -> l.contains("OSPF-5-ADJCHG " + OSPF_DOWN));
            assertThat(opened.commands()).contains("show ip ospf neighbor tunnel 0", "show ip eigrp neighbors tunnel 0",
                    "show ip bgp summary", "show ip route 3.3.3.3");

            tw.pipe(ospf(EventKind.ROUTING_ADJACENCY_UP, T0.plusSeconds(80), "FULL", OSPF_UP, "Loading Done"));
            tw.advance(Duration.ofSeconds(73));
            assertThat(tw.alerts()).as("hysteresis until 80 s + 60 s").isEmpty();
            tw.advance(Duration.ofSeconds(2));
            AlertRecord resolved = single(tw.alerts());
            assertThat(resolved.action()).isEqualTo(AlertRecord.Action.RESOLVED);
            assertThat(resolved.id()).isEqualTo(opened.id());
        }
    }

    @Test
    void shouldFillTheBgpNeighbourIntoItsCommands() {
        try (AlertTopologyDriver tw = topology()) {
            tw.pipe(event(EventKind.SESSION_UP, T0));
            tw.pipe(routing(EventKind.ROUTING_ADJACENCY_DOWN, T0.plusSeconds(1), "BGP-5-ADJCHANGE",
                    "neighbor 169.254.22.6 Down BGP Notification sent",
                    Map.of("protocol", "bgp", "neighbor", "169.254.22.6", "reason", "BGP Notification sent")));
            tw.advance(Duration.ofSeconds(62));

            AlertRecord opened = single(tw.alerts());
            assertThat(opened.cause()).startsWith("BGP neighbour 169.254.22.6 is down (BGP Notification sent)");
            assertThat(opened.commands()).contains("show ip bgp neighbors 169.254.22.6", "show ip route 169.254.22.6");
        }
    }

    @Test
    void shouldLeaveAnAdjacencyDownBelowABrokenIpsecLayerToTheLowerAlert() {
        try (AlertTopologyDriver tw = topology()) {
            tw.pipe(event(EventKind.SESSION_UP, T0));
            tw.pipe(event(EventKind.SESSION_DOWN, T0.plusSeconds(5)));
            tw.pipe(ospf(EventKind.ROUTING_ADJACENCY_DOWN, T0.plusSeconds(6), "DOWN", OSPF_DOWN,
                    "Neighbor Down: Dead timer expired"));
            tw.advance(Duration.ofSeconds(120));

            assertThat(tw.alerts()).extracting(AlertRecord::alert).containsExactly("PeerUnreachable");
        }
    }

    @Test
    void shouldOpenTunnelRecursiveRoutingAtTheUnderlayOnTheMessageAheadOfTheTunnelItDisabled() {
        try (AlertTopologyDriver tw = topology()) {
            tw.pipe(event(EventKind.SESSION_UP, T0));
            tw.pipe(routing(EventKind.TUNNEL_RECURSIVE_ROUTING, T0.plusSeconds(1), "TUN-5-RECURDOWN",
                    "Tunnel0 temporarily disabled due to recursive routing", Map.of("interface", "Tunnel0")));
            tw.advance(Duration.ofSeconds(2));

            AlertRecord opened = single(tw.alerts());
            assertThat(opened.alert()).isEqualTo("TunnelRecursiveRouting");
            assertThat(opened.layer()).isEqualTo("UNDERLAY");
            assertThat(opened.commands()).contains("show ip route " + PEER.peer(), "show interface tunnel 0");

            tw.advance(Duration.ofSeconds(65));
            assertThat(tw.alerts()).as("the disabled tunnel is its symptom, attached").singleElement()
                    .satisfies(r -> assertThat(r.related()).containsExactly("TunnelInterfaceDown"));
        }
    }

    @Test
    void shouldOpenCryptoSocketDownAtTheIpsecLayerAndResolveWhenTheSocketIsUpAgain() {
        try (AlertTopologyDriver tw = topology()) {
            String down = "Tunnel0: local address : 198.51.100.2 remote address : 198.51.100.7 socket is DOWN";
            tw.pipe(routing(EventKind.CRYPTO_SOCKET_UP, T0, "DMVPN-5-CRYPTO_SS", down.replace("DOWN", "UP"),
                    Map.of("interface", "Tunnel0")));
            tw.pipe(routing(EventKind.CRYPTO_SOCKET_DOWN, T0.plusSeconds(10), "DMVPN-5-CRYPTO_SS", down,
                    Map.of("interface", "Tunnel0")));
            tw.advance(Duration.ofSeconds(71));

            AlertRecord opened = single(tw.alerts());
            assertThat(opened.alert()).isEqualTo("CryptoSocketDown");
            assertThat(opened.layer()).isEqualTo("IPSEC");
            assertThat(opened.evidence()).anyMatch(l -> l.contains("DMVPN-5-CRYPTO_SS " + down));
            assertThat(opened.commands()).contains("show dmvpn detail", "show crypto session remote " + PEER.peer());

            tw.pipe(routing(EventKind.CRYPTO_SOCKET_UP, T0.plusSeconds(90), "DMVPN-5-CRYPTO_SS",
                    down.replace("DOWN", "UP"), Map.of("interface", "Tunnel0")));
            tw.advance(Duration.ofSeconds(80));
            assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
        }
    }

    private static TunnelEvent ospf(EventKind kind, Instant at, String toState, String text, String reason) {
        return routing(kind, at, "OSPF-5-ADJCHG", text, Map.of("protocol", "ospf", "neighbor", "3.3.3.3",
                "interface", "Tunnel0", "to_state", toState, "reason", reason));
    }

    private static TunnelEvent routing(EventKind kind, Instant at, String mnemonic, String text,
                                       Map<String, String> fields) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, PEER.device(), PEER.peer(), IkeVersion.UNKNOWN,
                mnemonic, 5, fields, null, at, "192.0.2.1", "udp", text);
    }

    private static AlertRecord single(List<AlertRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
