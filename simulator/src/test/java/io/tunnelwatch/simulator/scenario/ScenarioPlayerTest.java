package io.tunnelwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpDevices;
import io.tunnelwatch.simulator.MutableClock;
import io.tunnelwatch.simulator.RecordingOutput;
import io.tunnelwatch.simulator.fault.Fault;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioPlayerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final RecordingOutput out = new RecordingOutput();

    @Test
    void shouldPlayTheDemoFaultsAndHaveEverythingRepairedWithinSixMinutes() {
        Scenario demo = ScenarioLoader.builtIn("demo");
        assertThat(demo.timeline()).extracting(Scenario.Step::fault)
                .containsExactly(Fault.DECAPS_STALL, Fault.PSK_MISMATCH);
        ScenarioPlayer player = new ScenarioPlayer(demo, clock, out, Duration.ofSeconds(1));
        player.start();
        SimulatedTunnel stalled = player.simulation().tunnel("rtr-01", "rtr-02");
        RouterTunnelEnd rtr01 = player.simulation().router("rtr-01").endTo("127.0.1.2");

        advance(player, Duration.ofSeconds(130));
        assertThat(player.simulation().tunnel("rtr-03", "rtr-04").ikeUp()).isFalse();
        long decapsDuringFault = rtr01.sa().inPkts();
        advance(player, Duration.ofSeconds(40));
        assertThat(rtr01.sa().inPkts()).as("decaps flat while the far side does not send")
                .isEqualTo(decapsDuringFault);

        advance(player, Duration.ofSeconds(190));
        assertThat(player.simulation().tunnels()).allMatch(SimulatedTunnel::ipsecUp);
        assertThat(rtr01.sa().inPkts()).isGreaterThan(decapsDuringFault);
        assertThat(stalled.far(rtr01).impairments().sending()).isTrue();
        assertThat(out.lines).anyMatch(l -> l.startsWith("rtr-03: %CRYPTO-4-IKMP_BAD_MESSAGE"));
    }

    @Test
    void shouldWriteAnInventoryTheCollectorLoadsWithEveryAgentAndExpectedPeer() {
        ScenarioPlayer player = new ScenarioPlayer(ScenarioLoader.builtIn("demo"), clock, out, Duration.ofSeconds(1));
        Inventory inventory = InventoryLoader.parse("sim.yaml",
                InventoryWriter.yaml(player.fleet(), "tunnelwatch-sim", 16100, 30));
        List<SnmpDevice> devices = SnmpDevices.from(inventory);
        assertThat(devices).hasSize(20);
        assertThat(devices.get(0).name()).isEqualTo("rtr-01");
        assertThat(devices.get(0).address().getHostAddress()).isEqualTo("127.0.1.1");
        assertThat(devices.get(0).port()).isEqualTo(16100);
        assertThat(devices.get(0).expectedPeers()).hasSize(5)
                .containsExactlyInAnyOrderElementsOf(player.fleet().routers().get(0).peers())
                .contains("127.0.1.2", "127.0.1.20");
    }

    @Test
    void shouldLoadEveryShippedScenarioAndRejectUnknownFaultsAndRouters() throws Exception {
        assertThat(ScenarioLoader.builtIn("every-fault").timeline()).extracting(Scenario.Step::fault)
                .containsExactlyInAnyOrder(Fault.values());
        assertThatThrownBy(() -> read("name: x\ntimeline:\n  - {at: 1s, fault: gremlins, router: rtr-01, peer: rtr-02}"))
                .hasMessageContaining("unknown fault 'gremlins'");
        assertThatThrownBy(() -> read("name: x\nrouters: 2\ntimeline:\n"
                + "  - {at: 1s, fault: decaps-stall, router: rtr-01, peer: rtr-09}"))
                .hasMessageContaining("router 'rtr-09' is not in the fleet");
    }

    @Test
    void theSoakRepairsEveryFaultFiveMinutesBeforeItsThirtyMinutesEnd() throws Exception {
        Scenario soak = ScenarioLoader.builtIn("soak");
        assertThat(soak.timeline()).hasSize(8).allSatisfy(step ->
                assertThat(step.repairAt()).isNotNull().isLessThanOrEqualTo(java.time.Duration.ofMinutes(25)));
        assertThat(soak.timeline()).extracting(Scenario.Step::fault).doesNotHaveDuplicates();
    }

    @Test
    void shouldReadTheWrapHeadroomAndDefaultIt() throws Exception {
        assertThat(read("name: x\nwrap-headroom: 50000\n").wrapHeadroom()).isEqualTo(50_000L);
        assertThat(read("name: x\n").wrapHeadroom()).isEqualTo(Scenario.DEFAULT_WRAP_HEADROOM);
        assertThatThrownBy(() -> read("name: x\nwrap-headroom: 4294967296\n"))
                .hasMessageContaining("wrap-headroom '4294967296' is not a count");
    }

    private static Scenario read(String yaml) throws Exception {
        return ScenarioLoader.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Moves the clock in 5 s steps, playing each, as the real-time loop would. */
    private void advance(ScenarioPlayer player, Duration by) {
        for (long s = 0; s < by.toSeconds(); s += 5) {
            clock.advance(Duration.ofSeconds(5));
            player.step();
        }
    }
}
