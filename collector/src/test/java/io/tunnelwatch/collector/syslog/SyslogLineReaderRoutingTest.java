package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.TsvFixture;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven over {@code syslog/cisco/routing-ties.tsv}: routing lines over tunnels tied to their tunnel peer by the
 * interface (inventory, then the poll's TUNNEL-MIB view) or, for BGP, by the inventory's routing neighbours.
 */
class SyslogLineReaderRoutingTest {

    static final Inventory INVENTORY = InventoryLoader.parse("inventory.yaml", """
            devices:
              - name: rtr-hub
                addresses: [192.0.2.1]
                peers:
                  - {address: 198.51.100.2, tunnel: Tunnel0, routingNeighbors: [169.254.22.4/30]}
                  - {address: 198.51.100.6, tunnel: Tu1, routingNeighbors: [10.1.1.2, 169.254.0.1]}
                  - {address: 198.51.100.10, tunnel: Tunnel100, routingNeighbors: [2001:2025:5555::/64, 33.111.21.21]}
                  - {address: 198.51.100.14, tunnel: Tunnel31, routingNeighbors: [10.250.2.2, 100.80.64.152]}
            """);

    static final PolledTunnels POLLED =
            (device, iface) -> "rtr-hub".equals(device) && "Tunnel232".equals(iface) ? "203.0.113.232" : null;

    private final SyslogLineReader reader = new SyslogLineReader(DeviceResolver.from(INVENTORY), POLLED,
            Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    record Tie(String name, String line, EventKind kind, String peer, String neighbor, String iface) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Tie> ties() {
        return TsvFixture.rows("/syslog/cisco/routing-ties.tsv", 6).stream()
                .map(c -> new Tie(c[0], c[1], EventKind.valueOf(c[2]), c[3], TsvFixture.text(c[4]),
                        TsvFixture.text(c[5])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ties")
    void shouldTieARoutingLineToItsTunnelPeerWithItsNeighbourAndInterface(Tie t) {
        LineOutcome outcome = reader.read(t.line(), "192.0.2.1", "udp");

        assertThat(outcome).isInstanceOfSatisfying(LineOutcome.Event.class, e -> {
            assertThat(e.event().kind()).isEqualTo(t.kind());
            assertThat(e.event().key()).isEqualTo(new PeerKey("rtr-hub", t.peer()));
            assertThat(e.event().fields().get("neighbor")).as("neighbor").isEqualTo(t.neighbor());
            assertThat(e.event().fields().get("interface")).as("interface").isEqualTo(t.iface());
        });
    }
}
