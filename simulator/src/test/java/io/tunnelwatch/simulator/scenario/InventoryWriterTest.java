package io.tunnelwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.collector.inventory.PollTiming;
import io.tunnelwatch.collector.inventory.RoutingNeighbor;
import io.tunnelwatch.collector.inventory.Secret;
import io.tunnelwatch.collector.inventory.SnmpCredentials;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import io.tunnelwatch.simulator.scenario.InventoryWriter.DeviceEntry;
import io.tunnelwatch.simulator.scenario.InventoryWriter.PeerEntry;
import io.tunnelwatch.simulator.scenario.InventoryWriter.SnmpEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the simulator writes is what the collector's own loader reads: every fact, however it must be quoted. */
class InventoryWriterTest {

    @Test
    void shouldWriteEveryFactSoTheCollectorReadsItBackUnchanged() {
        DeviceEntry hq = new DeviceEntry("rtr-hq:1", List.of("192.0.2.1", "2001:db8::1"), "GigabitEthernet0/0/0.100",
                new SnmpEntry("pub: #1 'quoted' \"too\"", 16161, 45),
                List.of(new PeerEntry("198.51.100.7", "Tunnel7", null, List.of("169.254.22.4/30", "169.254.22.10")),
                        new PeerEntry("198.51.100.8", null, "VPN TO BRANCH #8: main", List.of())));
        DeviceEntry branch = new DeviceEntry("rtr-branch-7", List.of("198.51.100.7"), null, new SnmpEntry("true",
                161, 60), List.of(new PeerEntry("192.0.2.1", "Tu0", null, List.of())));
        DeviceEntry bare = new DeviceEntry("rtr-bare", List.of(), null, null, List.of());

        List<Device> read = InventoryLoader.parse("written.yaml", InventoryWriter.yaml(List.of(hq, branch, bare)))
                .devices();

        assertThat(read).containsExactly(
                new Device("rtr-hq:1", List.of("192.0.2.1", "2001:db8::1"), "GigabitEthernet0/0/0.100",
                        v2c("pub: #1 'quoted' \"too\"", 16161, 45),
                        List.of(new ExpectedPeer("198.51.100.7", "Tunnel7", null,
                                        List.of(RoutingNeighbor.parse("169.254.22.4/30"),
                                                RoutingNeighbor.parse("169.254.22.10"))),
                                new ExpectedPeer("198.51.100.8", null, "VPN TO BRANCH #8: main"))),
                new Device("rtr-branch-7", List.of("198.51.100.7"), null, v2c("true", 161, 60),
                        List.of(new ExpectedPeer("192.0.2.1", "Tunnel0", null))),
                new Device("rtr-bare", List.of(), null, null, List.of()));
    }

    @Test
    void shouldWriteAFleetAsOneDevicePerRouterWithItsAgentAndPeers() {
        Fleet fleet = Fleet.create(4, 2, Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC), 1);

        String yaml = InventoryWriter.yaml(fleet, "tunnelwatch-sim", 16100, 30);

        assertThat(yaml).as("tests prefix the device names by replacing this text").contains("name: rtr-01\n");
        assertThat(InventoryLoader.parse("fleet.yaml", yaml).devices()).hasSize(4)
                .zipSatisfy(fleet.routers(), (device, router) -> assertThat(device).isEqualTo(expected(router)));
    }

    private static Device expected(SimulatedRouter router) {
        return new Device(router.name(), List.of(router.address()), "GigabitEthernet1", v2c("tunnelwatch-sim", 16100,
                30), router.peers().stream().map(p -> new ExpectedPeer(p, null, null)).toList());
    }

    private static SnmpCredentials v2c(String community, int port, int pollSeconds) {
        return new SnmpCredentials.V2c(new Secret(community), PollTiming.every(Duration.ofSeconds(pollSeconds)),
                port);
    }
}
