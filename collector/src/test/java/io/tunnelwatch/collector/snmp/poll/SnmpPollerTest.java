package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.collector.snmp.poll.PolledColumns.*;
import static io.tunnelwatch.mib.IfMib.*;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;
import static io.tunnelwatch.mib.IpMib.IP_AD_ENT_IF_INDEX;
import static io.tunnelwatch.mib.TunnelMib.TUNNEL_IF_LOCAL_INET_ADDRESS;
import static io.tunnelwatch.mib.TunnelMib.TUNNEL_IF_REMOTE_INET_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.snmp.SnmpClient;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpPollException;
import io.tunnelwatch.collector.snmp.TableRow;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.TunnelInterface;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class SnmpPollerTest {

    private static final byte[] PEER = {(byte) 198, 51, 100, 7};
    private static final byte[] LOCAL = {(byte) 192, 0, 2, 1};
    private static final byte[] CRYPTO_MAP_PEER = {(byte) 203, 0, 113, 9};

    private final RecordingSnmpClient client = new RecordingSnmpClient();
    private final List<CounterSample> sunk = new ArrayList<>();
    private final TunnelIndex index = new TunnelIndex();
    /** The meters of {@code poller}; a test's second poller gets a registry of its own, as each collector has. */
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SnmpPoller poller = new SnmpPoller(client, sunk::add, index,
            Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC), CounterLimits.DEFAULT, 4, registry);
    private final SnmpDevice device = new SnmpDevice("rtr-hq-1", InetAddress.getLoopbackAddress(), 161,
            new SnmpDevice.V2c("public"), Set.of("198.51.100.7", "203.0.113.9"), null);

    private static TableRow saRow(int index, long inPkts, long hcInOctets) {
        return new TableRow(String.valueOf(index), Map.of(CIPSEC_TUN_REMOTE_ADDR, PEER,
                CIPSEC_TUN_IKE_TUNNEL_INDEX, 3L, CIPSEC_TUN_IN_PKTS, inPkts, CIPSEC_TUN_IN_OCTETS, 7L,
                CIPSEC_TUN_HC_IN_OCTETS, hcInOctets, CIPSEC_TUN_HC_OUT_OCTETS, 0L,
                CIPSEC_TUN_STATUS, (long) TUNNEL_STATUS_ACTIVE));
    }

    @Test
    void shouldWalkTheSixTablesAndSinkOneSamplePerPeer() {
        client.answer(CIKE_TUN_REMOTE_ADDR, List.of(new TableRow("3", Map.of(CIKE_TUN_REMOTE_ADDR, PEER,
                CIKE_TUN_STATUS, (long) TUNNEL_STATUS_ACTIVE)), new TableRow("4", Map.of(CIKE_TUN_REMOTE_ADDR,
                CRYPTO_MAP_PEER, CIKE_TUN_STATUS, (long) TUNNEL_STATUS_ACTIVE, CIKE_TUN_LOCAL_ADDR, LOCAL))));
        client.answer(CIPSEC_TUN_IKE_TUNNEL_INDEX, List.of(saRow(12, 40, 9_000_000_000L)));
        client.answer(IF_DESCR, List.of(new TableRow("20", Map.of(IF_DESCR, "Tunnel7".getBytes(),
                IF_TYPE, (long) IF_TYPE_TUNNEL, IF_MTU, 17_867L, IF_OPER_STATUS, (long) IF_STATUS_UP,
                TUNNEL_IF_REMOTE_INET_ADDRESS, PEER, TUNNEL_IF_LOCAL_INET_ADDRESS, LOCAL)),
                new TableRow("2", Map.of(IF_DESCR, "GigabitEthernet0/0/2".getBytes(), IF_TYPE,
                        (long) IF_TYPE_ETHERNET_CSMACD)),
                new TableRow("192.0.2.1", Map.of(IP_AD_ENT_IF_INDEX, 2L))));

        poller.pollOnce(device).join();

        assertThat(client.requests).containsExactlyInAnyOrder(IKE_TUNNEL_COLUMNS, IPSEC_TUNNEL_COLUMNS,
                INTERFACE_COLUMNS, SLA_COLUMNS, IKE_FAILURE_COLUMNS, IPSEC_FAILURE_COLUMNS);
        assertThat(sunk).extracting(CounterSample::peer).containsExactly("198.51.100.7", "203.0.113.9");
        CounterSample peer = sunk.get(0);
        assertThat(peer.totals().inOctets()).as("HC octets preferred").isEqualTo(9_000_000_000L);
        assertThat(peer.saCount()).isEqualTo(1);
        assertThat(peer.ikeStatus()).isEqualTo("active");
        assertThat(peer.tunnelMtu()).as("ifMtu of the tunnel interface leading to the peer").isEqualTo(17_867);
        assertThat(sunk.get(1).saCount()).isZero();
        assertThat(sunk.get(1).tunnelMtu()).as("no tunnel interface leads to this peer").isZero();
        assertThat(peer.tunnelInterface()).isEqualTo("Tunnel7");
        assertThat(peer.sourceInterface()).as("the interface holding the tunnel's local address")
                .isEqualTo("GigabitEthernet0/0/2");
        assertThat(sunk.get(1).tunnelInterface()).isNull();
        assertThat(sunk.get(1).sourceInterface()).as("crypto map: the interface holding cikeTunLocalAddr")
                .isEqualTo("GigabitEthernet0/0/2");
        assertThat(index.ipsecPeer("rtr-hq-1", 12)).isEqualTo("198.51.100.7");
        assertThat(index.ikePeer("rtr-hq-1", 3)).isEqualTo("198.51.100.7");
        assertThat(index.tunnelInterface("rtr-hq-1", 20)).isEqualTo(
                new TunnelInterface(20, "Tunnel7", true, "198.51.100.7", 17_867, "GigabitEthernet0/0/2"));
        assertThat(registry.get("tunnelwatch.snmp.polls").tag("outcome", "ok").counter().count()).isEqualTo(1);
        assertThat(registry.get("tunnelwatch.snmp.rows.walked").tag("table", "cipSecTunnelTable").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("tunnelwatch.snmp.poll.duration").timer().count()).isEqualTo(1);
        assertThat(registry.get("tunnelwatch.snmp.polls.in.flight").gauge().value()).isZero();
    }

    /**
     * A failure row added between two polls reaches the event sink as the failure it names, tied to its peer: the
     * IKE row by its remote address, the IPsec row (no SA, so no tunnel index) by the failed packet's source, the
     * router's own address being its destination; each counted by table, reason and outcome.
     */
    @Test
    void shouldPublishTheFailureRowsAddedSinceTheLastPollAsNegotiationFailuresOfTheirPeers() {
        List<TunnelEvent> events = new ArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SnmpPoller withEvents = new SnmpPoller(client, sunk::add, e -> {
            events.add(e);
            return PublishOutcome.QUEUED;
        }, index, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC), CounterLimits.DEFAULT, 4,
                meters);
        client.answer(IF_DESCR, List.of(new TableRow("2", Map.of(IF_DESCR, "GigabitEthernet0/0/2".getBytes(),
                IF_TYPE, (long) IF_TYPE_ETHERNET_CSMACD)), new TableRow("192.0.2.1", Map.of(IP_AD_ENT_IF_INDEX, 2L))));
        client.answer(CIKE_FAIL_REASON, List.of(failure(CIKE_FAIL_REASON, 4, 5, CIKE_FAIL_REMOTE_ADDR, PEER)));
        withEvents.pollOnce(device).join();
        assertThat(events).as("the first poll's rows are history").isEmpty();

        client.answer(CIKE_FAIL_REASON, List.of(failure(CIKE_FAIL_REASON, 4, 5, CIKE_FAIL_REMOTE_ADDR, PEER),
                failure(CIKE_FAIL_REASON, 5, 5, CIKE_FAIL_REMOTE_ADDR, PEER)));
        client.answer(CIPSEC_FAIL_REASON, List.of(new TableRow("1", Map.of(CIPSEC_FAIL_REASON, 4L,
                CIPSEC_FAIL_PKT_SRC_ADDR, CRYPTO_MAP_PEER, CIPSEC_FAIL_PKT_DST_ADDR, LOCAL))));
        withEvents.pollOnce(device).join();

        assertThat(events).extracting(TunnelEvent::kind, TunnelEvent::peer).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EventKind.IKE_AUTH_FAILED, "198.51.100.7"),
                org.assertj.core.groups.Tuple.tuple(EventKind.IPSEC_SETUP_FAILED, "203.0.113.9"));
        assertThat(events).allSatisfy(e -> assertThat(e.device()).isEqualTo("rtr-hq-1"));
        assertThat(meters.get("tunnelwatch.snmp.failure.rows").tags("table", "cikeFailTable", "reason", "authFailure",
                "outcome", "event").counter().count()).as("new rows only: the first poll's are history").isEqualTo(1);
        assertThat(meters.get("tunnelwatch.snmp.failure.rows").tags("table", "cipSecFailTable", "reason",
                "proposalFailure", "outcome", "event").counter().count()).isEqualTo(1);
    }

    private static TableRow failure(String reasonColumn, int index, long reason, String addressColumn,
                                    byte[] address) {
        return new TableRow(String.valueOf(index), Map.of(reasonColumn, reason, addressColumn, address));
    }

    @Test
    void shouldReportADeviceThatDoesNotAnswerPerExpectedPeerAndCountTheTimeout() {
        client.failWith(new SnmpPollException("timeout", "Request timed out"));

        poller.pollOnce(device).join();

        assertThat(sunk).hasSize(2).allSatisfy(s -> assertThat(s.deviceAnswered()).isFalse());
        assertThat(registry.get("tunnelwatch.snmp.polls").tag("outcome", "timeout").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldCountSamplesTheSinkRefused() {
        var own = new SimpleMeterRegistry();
        var refusing = new SnmpPoller(client, sample -> false, index, Clock.systemUTC(), CounterLimits.DEFAULT, 1,
                own);

        refusing.pollOnce(device).join();

        assertThat(own.get("tunnelwatch.snmp.samples.dropped").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldDrawAFreshJitterForEveryPollOnAFixedGrid() {
        var schedule = new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(3),
                1);
        long[] draws = {7_000_000_000L, 1_000_000_000L, 9_500_000_000L};
        int[] call = {0};
        List<Long> asked = new ArrayList<>();
        LongUnaryOperator random = bound -> {
            asked.add(bound);
            return draws[call[0]++];
        };

        List<Long> due = List.of(SnmpPoller.dueNanos(100, 0, schedule, random),
                SnmpPoller.dueNanos(100, 1, schedule, random), SnmpPoller.dueNanos(100, 2, schedule, random));

        assertThat(due).containsExactly(100 + 7_000_000_000L, 100 + 60_000_000_000L + 1_000_000_000L,
                100 + 120_000_000_000L + 9_500_000_000L);
        assertThat(asked).containsOnly(10_000_000_000L);
        var noJitter = new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(3), 1);
        assertThat(SnmpPoller.dueNanos(0, 2, noJitter, bound -> { throw new AssertionError("no draw"); }))
                .isEqualTo(120_000_000_000L);
    }

    @Test
    void shouldKeepPollingEveryDeviceOnItsScheduleAfterStart() {
        var fast = new SnmpDevice("rtr-fast", InetAddress.getLoopbackAddress(), 161, new SnmpDevice.V2c("public"),
                Set.of("198.51.100.7"), new SnmpDevice.Schedule(Duration.ofMillis(20), Duration.ofMillis(10),
                Duration.ofSeconds(1), 0));
        try (var scheduled = new SnmpPoller(client, sunk::add, index, Clock.systemUTC(), CounterLimits.DEFAULT, 4,
                new SimpleMeterRegistry())) {
            scheduled.start(List.of(fast));

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (client) {
                    return client.requests.size() >= 3 * 5;
                }
            });
        }
    }

    /** Fails every walk of the devices named {@code slow…} with a timeout once released, and answers the others. */
    private static final class OneSlowDevice implements SnmpClient {
        final CompletableFuture<Void> timeUp = new CompletableFuture<>();

        @Override
        public CompletableFuture<List<TableRow>> walkTable(SnmpDevice device, List<String> columns) {
            if (!device.name().startsWith("slow")) {
                return CompletableFuture.completedFuture(columns.get(0).equals(CIPSEC_TUN_IKE_TUNNEL_INDEX)
                        ? List.of(saRow(12, 40, 9_000)) : List.of());
            }
            return timeUp.thenApply(ignored -> {
                throw new java.util.concurrent.CompletionException(
                        new SnmpPollException("timeout", "Request timed out"));
            });
        }

        @Override
        public CompletableFuture<Object> get(SnmpDevice device, String oid) {
            return CompletableFuture.failedFuture(new SnmpPollException("timeout", "the poller never GETs"));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldReportATimedOutDeviceAsNotAnsweringWithoutHoldingUpTheOthers() {
        var slow = new SnmpDevice("slow-rtr", InetAddress.getLoopbackAddress(), 161, new SnmpDevice.V2c("public"),
                Set.of("203.0.113.9"), null);
        try (var slowClient = new OneSlowDevice()) {
            var own = new SimpleMeterRegistry();
            var mixed = new SnmpPoller(slowClient, sunk::add, index, Clock.systemUTC(), CounterLimits.DEFAULT, 8,
                    own);

            CompletableFuture<List<CounterSample>> slowPoll = mixed.pollOnce(slow);
            List<CounterSample> healthy = mixed.pollOnce(device).join();

            assertThat(slowPoll).isNotDone();
            assertThat(healthy).allSatisfy(s -> assertThat(s.deviceAnswered()).isTrue());
            slowClient.timeUp.complete(null);
            assertThat(slowPoll.join()).singleElement().satisfies(s -> {
                assertThat(s.device()).isEqualTo("slow-rtr");
                assertThat(s.deviceAnswered()).isFalse();
            });
            assertThat(own.get("tunnelwatch.snmp.polls").tag("outcome", "timeout").counter().count())
                    .isEqualTo(1);
            assertThat(own.get("tunnelwatch.snmp.polls").tag("outcome", "ok").counter().count()).isEqualTo(1);
        }
    }
}
