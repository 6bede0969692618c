package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.RttMonMib;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against a real net-snmp agent whose CISCO-IPSEC-FLOW-MONITOR-MIB rows the test writes: across a rekey
 * (row replaced under a new cipSecTunIndex) and a Counter32 wrap, the deltas are exactly what the fixture advanced.
 */
class SnmpPollerIT {

    static final String PEER_A = "198.51.100.7";
    static final String PEER_A_HEX = "C6 33 64 07";
    static final String PEER_B = "203.0.113.9";
    static final String PEER_B_HEX = "CB 00 71 09";
    private static final long MOD32 = 1L << 32;

    @TempDir
    Path dir;
    private NetSnmpAgent agent;
    private Snmp4jClient client;
    private SnmpPoller poller;
    private SnmpDevice device;
    private final List<TunnelEvent> probeEvents = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startAgent() throws Exception {
        agent = new NetSnmpAgent(dir);
        client = new Snmp4jClient();
        poller = new SnmpPoller(client, sample -> true, event -> {
            probeEvents.add(event);
            return PublishOutcome.QUEUED;
        }, new TunnelIndex(), Clock.systemUTC(), CounterLimits.DEFAULT, 2, new SimpleMeterRegistry());
        device = new SnmpDevice("rtr-hq-1", InetAddress.getLoopbackAddress(), agent.port(),
                new SnmpDevice.V2c(NetSnmpAgent.COMMUNITY), Set.of(PEER_A, PEER_B),
                new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO, Duration.ofMillis(500), 1));
    }

    @AfterEach
    void stopAgent() throws Exception {
        poller.close();
        client.close();
        agent.close();
    }

    /** One cipSecTunnelTable row as pass_persist lines: index, IKE index, peer, active time, in/out pkts and octets. */
    static List<String> saRow(int index, int ike, String peerHex, long activeTime, long inPkts,
                                      long outPkts, long inOctets, long outOctets) {
        String row = "." + index;
        return List.of(
                CIPSEC_TUN_IKE_TUNNEL_INDEX + row + " integer " + ike,
                CIPSEC_TUN_REMOTE_ADDR + row + " octet " + peerHex,
                CIPSEC_TUN_ACTIVE_TIME + row + " integer " + activeTime,
                CIPSEC_TUN_IN_OCTETS + row + " counter " + inOctets,
                CIPSEC_TUN_IN_PKTS + row + " counter " + inPkts,
                CIPSEC_TUN_OUT_OCTETS + row + " counter " + outOctets,
                CIPSEC_TUN_OUT_PKTS + row + " counter " + outPkts,
                CIPSEC_TUN_STATUS + row + " integer " + TUNNEL_STATUS_ACTIVE);
    }

    static List<String> table(List<List<String>> rows) {
        // pass_persist answers getnext in OID order, which is column-major: sort the lines as OIDs
        return rows.stream().flatMap(List::stream)
                .sorted((a, b) -> compareOids(a.split(" ")[0], b.split(" ")[0])).toList();
    }

    private static int compareOids(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private Map<String, CounterSample> pollUntilAnswered() {
        List<CounterSample> samples = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            samples.clear();
            samples.addAll(poller.pollOnce(device).join());
            return !samples.isEmpty() && samples.get(0).deviceAnswered();
        });
        return samples.stream().collect(Collectors.toMap(CounterSample::peer, Function.identity()));
    }

    @Test
    void shouldReportExactlyTheTrafficAdvancedAcrossARekeyAndACounter32Wrap() {
        agent.serve(table(List.of(
                saRow(1, 11, PEER_A_HEX, 360_000, 1_000, 2_000, MOD32 - 500, 70_000),
                saRow(2, 12, PEER_B_HEX, 360_000, 5_000, 6_000, 800_000, 900_000))));
        Map<String, CounterSample> first = pollUntilAnswered();
        assertThat(first.get(PEER_A).totals().inOctets()).isEqualTo(MOD32 - 500);
        assertThat(first.get(PEER_A).deltas().inPkts()).isZero();

        // peer A: +10/+20 packets, in-octets wrap by +1500; peer B: row 2 rekeyed into row 3, which carried 25/30
        agent.serve(table(List.of(
                saRow(1, 11, PEER_A_HEX, 360_100, 1_010, 2_020, 1_000, 73_000),
                saRow(3, 13, PEER_B_HEX, 100, 25, 30, 2_500, 3_000))));
        Map<String, CounterSample> second = pollUntilAnswered();

        assertThat(second.get(PEER_A).deltas()).isEqualTo(
                SaRowDeltaTest.packetsAndOctets(10, 20, 1_500, 3_000));
        assertThat(second.get(PEER_B).deltas()).isEqualTo(SaRowDeltaTest.packetsAndOctets(25, 30, 2_500, 3_000));
        assertThat(second.get(PEER_B).saCount()).isEqualTo(1);
        assertThat(second.get(PEER_B).ipsecStatus()).isEqualTo("active");
    }

    /**
     * A walk asks for as many rows as the table had last time plus one: a table that grew far past that (and past
     * the 50-row bound of one request) must still be read whole, and one that shrank must not keep old rows.
     */
    @Test
    void shouldReadEveryRowWhenTheTableGrowsOrShrinksBetweenPolls() {
        agent.serve(table(List.of(saRow(1, 11, PEER_A_HEX, 500, 1, 1, 1, 1))));
        assertThat(pollUntilAnswered()).containsOnlyKeys(PEER_A, PEER_B);

        List<List<String>> many = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(saRow(i, 100 + i, String.format("0A 00 %02X %02X", i / 256, i % 256), 500, i, i, i, i));
        }
        agent.serve(table(many));
        Map<String, CounterSample> grown = pollUntilAnswered();
        assertThat(grown).hasSize(62); // 60 SA peers plus the two expected ones that now have no SA
        assertThat(grown.get("10.0.0.60").totals().inPkts()).isEqualTo(60);
        assertThat(grown.get(PEER_A).saCount()).isZero();

        agent.serve(table(List.of(saRow(7, 17, PEER_B_HEX, 500, 9, 9, 9, 9))));
        Map<String, CounterSample> shrunk = pollUntilAnswered();
        assertThat(shrunk).containsOnlyKeys(PEER_A, PEER_B);
        assertThat(shrunk.get(PEER_B).totals().inPkts()).isEqualTo(9);
    }

    /** IP SLA 10 probes peer A's underlay: its results, read from real snmpd, become underlay events on change. */
    @Test
    void shouldTurnIpSlaResultsIntoUnderlayEventsOfTheProbedPeerWhenTheyChange() {
        String tag = RttMonMib.RTT_MON_CTRL_ADMIN_TAG + ".10 octet 74 6F 20 41";
        String target = RttMonMib.RTT_MON_ECHO_ADMIN_TARGET_ADDRESS + ".10 octet " + PEER_A_HEX;
        String sense = RttMonMib.RTT_MON_LATEST_RTT_OPER_SENSE + ".10 integer ";
        agent.serve(table(List.of(saRow(1, 11, PEER_A_HEX, 500, 1, 1, 1, 1))));
        agent.serveSla(List.of(tag, target, sense + 4)); // timeout(4)

        pollUntilAnswered();
        assertThat(probeEvents).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.UNDERLAY_PROBE_FAILED);
            assertThat(e.device()).isEqualTo("rtr-hq-1");
            assertThat(e.peer()).isEqualTo(PEER_A);
            assertThat(e.fields()).containsEntry("sla_index", "10").containsEntry("sense", "timeout")
                    .containsEntry("sla_tag", "to A");
        });

        pollUntilAnswered();
        assertThat(probeEvents).as("unchanged: nothing new").hasSize(1);

        agent.serveSla(List.of(tag, target, sense + 1)); // ok(1)
        pollUntilAnswered();
        assertThat(probeEvents).extracting(TunnelEvent::kind)
                .containsExactly(EventKind.UNDERLAY_PROBE_FAILED, EventKind.UNDERLAY_PROBE_OK);
    }

    @Test
    void shouldReportNoSaForAnExpectedPeerAndNoAnswerWhenTheAgentIsGone() throws Exception {
        agent.serve(table(List.of(saRow(1, 11, PEER_A_HEX, 500, 1, 1, 1, 1))));
        assertThat(pollUntilAnswered().get(PEER_B).saCount()).isZero();

        agent.close();
        List<CounterSample> silent = poller.pollOnce(device).join();

        assertThat(silent).extracting(CounterSample::peer).containsExactlyInAnyOrder(PEER_A, PEER_B);
        assertThat(silent).allSatisfy(s -> assertThat(s.deviceAnswered()).isFalse());
    }

    @Test
    void shouldCountTimeoutsOfAFrozenAgentWhileAnotherDeviceIsPolledNormallyAndRecoverWhenItResumes()
            throws Exception {
        agent.serve(table(List.of(saRow(1, 11, PEER_A_HEX, 500, 1, 1, 1, 1))));
        var registry = new SimpleMeterRegistry();
        try (var frozen = new NetSnmpAgent(dir.resolve("frozen"), List.of());
             var mixed = new SnmpPoller(client, sample -> true, new TunnelIndex(), Clock.systemUTC(),
                     CounterLimits.DEFAULT, 4, registry)) {
            frozen.serve(table(List.of(saRow(1, 11, PEER_B_HEX, 500, 1, 1, 1, 1))));
            var frozenDevice = new SnmpDevice("rtr-frozen", InetAddress.getLoopbackAddress(), frozen.port(),
                    new SnmpDevice.V2c(NetSnmpAgent.COMMUNITY), Set.of(PEER_B), device.schedule());
            await().atMost(Duration.ofSeconds(20)).until(() -> mixed.pollOnce(frozenDevice).join().get(0)
                    .deviceAnswered());
            // a first poll of the starting agent may itself have timed out on a loaded machine: count from here
            double timeoutsBefore = timeouts(registry);
            frozen.pause();

            // The healthy agent gets a generous timeout: its answer must not race a loaded machine's scheduler.
            var patient = new SnmpDevice(device.name(), device.address(), device.port(), device.credentials(),
                    device.expectedPeers(), new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO,
                    Duration.ofSeconds(5), 2));
            var stuck = mixed.pollOnce(frozenDevice);
            List<CounterSample> healthy = mixed.pollOnce(patient).join();
            List<CounterSample> silent = stuck.join();

            assertThat(healthy).isNotEmpty().allSatisfy(s -> assertThat(s.deviceAnswered()).isTrue());
            assertThat(silent).singleElement().satisfies(s -> assertThat(s.deviceAnswered()).isFalse());
            assertThat(timeouts(registry) - timeoutsBefore).as("timeouts of the frozen agent's poll").isEqualTo(1);

            frozen.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> mixed.pollOnce(frozenDevice).join().get(0)
                    .deviceAnswered());
        }
    }

    private static double timeouts(SimpleMeterRegistry registry) {
        var counter = registry.find("tunnelwatch.snmp.polls").tag("outcome", "timeout").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldPollOverSnmpV3AuthPrivWithShaAndAes() throws Exception {
        try (var v3Agent = new NetSnmpAgent(dir.resolve("v3"), List.of(
                "createUser twpoller SHA authpass123 AES privpass123", "rouser twpoller priv"))) {
            v3Agent.serve(table(List.of(saRow(4, 14, PEER_A_HEX, 700, 70, 80, 7_000, 8_000))));
            var v3Device = new SnmpDevice("rtr-v3", InetAddress.getLoopbackAddress(), v3Agent.port(),
                    new SnmpDevice.V3("twpoller", "SHA", "authpass123", "AES", "privpass123", null),
                    Set.of(PEER_A), device.schedule());

            List<CounterSample> samples = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                samples.clear();
                samples.addAll(poller.pollOnce(v3Device).join());
                return samples.get(0).deviceAnswered();
            });

            assertThat(samples.get(0).totals().inPkts()).isEqualTo(70);
            assertThat(samples.get(0).saCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldReportAV3PollWithWrongKeysAsNotAnswering() throws Exception {
        var registry = new SimpleMeterRegistry();
        try (var v3Agent = new NetSnmpAgent(dir.resolve("v3bad"), List.of(
                "createUser twpoller SHA authpass123 AES privpass123", "rouser twpoller priv"));
             var otherClient = new Snmp4jClient();
             var v3Poller = new SnmpPoller(otherClient, sample -> true, new TunnelIndex(), Clock.systemUTC(),
                     CounterLimits.DEFAULT, 2, registry)) {
            v3Agent.serve(table(List.of(saRow(4, 14, PEER_A_HEX, 700, 70, 80, 7_000, 8_000))));
            var rightKeys = new SnmpDevice("rtr-v3", InetAddress.getLoopbackAddress(), v3Agent.port(),
                    new SnmpDevice.V3("twpoller", "SHA", "authpass123", "AES", "privpass123", null),
                    Set.of(PEER_A), device.schedule());
            await().atMost(Duration.ofSeconds(20)).until(() -> poller.pollOnce(rightKeys).join().get(0)
                    .deviceAnswered());
            var wrongKeys = new SnmpDevice("rtr-v3-bad", InetAddress.getLoopbackAddress(), v3Agent.port(),
                    new SnmpDevice.V3("twpoller", "SHA", "not-the-key", "AES", "privpass123", null),
                    Set.of(PEER_A), device.schedule());

            List<CounterSample> samples = v3Poller.pollOnce(wrongKeys).join();

            assertThat(samples).singleElement().satisfies(s -> assertThat(s.deviceAnswered()).isFalse());
            // net-snmp answers a wrong digest with silence (usmStatsWrongDigests counted, no report)
            assertThat(registry.get("tunnelwatch.snmp.polls").tag("outcome", "timeout").counter().count()
                    + registry.get("tunnelwatch.snmp.polls").tag("outcome", "report").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("tunnelwatch.snmp.polls").tag("outcome", "ok").counter().count()).isZero();
        }
    }
}
