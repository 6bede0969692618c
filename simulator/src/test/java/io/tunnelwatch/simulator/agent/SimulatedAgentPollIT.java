package io.tunnelwatch.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.poll.CounterLimits;
import io.tunnelwatch.collector.snmp.poll.Snmp4jClient;
import io.tunnelwatch.collector.snmp.poll.SnmpPoller;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.simulator.FleetSimulation;
import io.tunnelwatch.simulator.MutableClock;
import io.tunnelwatch.simulator.RecordingOutput;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SecurityAssociation;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import io.tunnelwatch.simulator.tunnel.TrafficProfile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tunnelwatch's real poller against a simulated router's agent over UDP on 127.0.1.x: the per-peer deltas the
 * collector computes are exactly the traffic the simulation carried, across a Counter32 wrap and a rekey.
 */
class SimulatedAgentPollIT {

    private static final String COMMUNITY = "sim-it";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final RecordingOutput out = new RecordingOutput();
    private FleetSimulation sim;
    private SnmpAgents agents;
    private Snmp4jClient client;
    private SnmpPoller poller;
    private SnmpDevice device;

    @BeforeEach
    void start() throws Exception {
        Fleet fleet = Fleet.create(2, 1, clock, 3);
        // 100 packets/s each way; an SA lifetime long enough that only the test rekeys
        sim = new FleetSimulation(fleet, new SimulationClock(clock, clock.instant(), 1),
                new TrafficProfile(100, 100), Duration.ofDays(1), out);
        sim.start(2_000);
        int port = freeUdpPort();
        agents = sim.openAgents(port, COMMUNITY, false);
        client = new Snmp4jClient();
        poller = new SnmpPoller(client, sample -> true, new TunnelIndex(), clock, CounterLimits.DEFAULT, 4,
                new SimpleMeterRegistry());
        device = new SnmpDevice("rtr-01", InetAddress.getByName("127.0.1.1"), port, new SnmpDevice.V2c(COMMUNITY),
                Set.of("127.0.1.2"), new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO,
                        Duration.ofSeconds(2), 1));
    }

    @AfterEach
    void stop() {
        poller.close();
        client.close();
        agents.close();
    }

    @Test
    void shouldGiveThePollerDeltasEqualToTheSimulatedTrafficAcrossAWrapAndARekey() throws Exception {
        RouterTunnelEnd end = sim.router("rtr-01").endTo("127.0.1.2");
        CounterSample first = poll();
        assertThat(first.saCount()).isEqualTo(1);
        assertThat(first.ikeStatus()).isEqualTo("active");
        assertThat(first.tunnelMtu()).as("ifMtu of the peer's Tunnel interface").isEqualTo(RouterMib.TUNNEL_IF_MTU);
        assertThat(first.tunnelInterface()).isEqualTo(end.interfaceName());
        assertThat(first.sourceInterface()).as("the interface holding the tunnel's local address (ipAddrTable)")
                .isEqualTo("GigabitEthernet1");
        assertThat(first.totals().outPkts()).isEqualTo(sa(end).outPkts() % (1L << 32));

        // 10 s at 100 packets/s: 1 000 packets each way, no wrap yet (2 000 short of 2^32 inbound)
        long[] before = snapshot(end);
        advance(Duration.ofSeconds(10));
        CounterSample plain = poll();
        assertThat(plain.deltas().inPkts()).isEqualTo(sa(end).inPkts() - before[0]).isEqualTo(1_000);
        assertThat(plain.deltas().outPkts()).isEqualTo(sa(end).outPkts() - before[1]).isEqualTo(1_000);

        // 30 s more: 3 000 packets; inbound packets and both Counter32 octet columns pass 2^32
        before = snapshot(end);
        advance(Duration.ofSeconds(30));
        CounterSample wrapped = poll();
        assertThat(sa(end).inPkts()).isGreaterThan(1L << 32);
        assertThat(wrapped.deltas().inPkts()).isEqualTo(sa(end).inPkts() - before[0]).isEqualTo(3_000);
        assertThat(wrapped.deltas().inOctets()).isEqualTo(sa(end).inOctets() - before[2]);
        assertThat(wrapped.deltas().outOctets()).isEqualTo(sa(end).outOctets() - before[3]);

        // a rekey right after a poll: new rows, new indices, counters from 0; the next poll counts the new SA
        int oldIndex = sa(end).tunIndex();
        sim.read(() -> {
            sim.tunnel("rtr-01", "rtr-02").rekey(clock.instant(), out);
            return null;
        });
        assertThat(sa(end).tunIndex()).isNotEqualTo(oldIndex);
        advance(Duration.ofSeconds(20));
        CounterSample rekeyed = poll();
        assertThat(rekeyed.saCount()).isEqualTo(1);
        assertThat(rekeyed.deltas().inPkts()).isEqualTo(sa(end).inPkts()).isEqualTo(2_000);
        assertThat(rekeyed.deltas().outOctets()).isEqualTo(sa(end).outOctets());
        assertThat(rekeyed.totals().inPkts()).isEqualTo(2_000);
    }

    @Test
    void shouldNotAnswerAWrongCommunity() throws Exception {
        SnmpDevice wrong = new SnmpDevice("rtr-01", device.address(), device.port(), new SnmpDevice.V2c("guess"),
                Set.of(), new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO, Duration.ofMillis(300), 0));
        List<CounterSample> samples = poller.pollOnce(wrong).get(5, TimeUnit.SECONDS);
        assertThat(samples).allSatisfy(s -> assertThat(s.deviceAnswered()).isFalse());
        assertThat(agents.badCommunityRequests()).isPositive();
    }

    private void advance(Duration by) {
        clock.advance(by);
        sim.tick();
    }

    private CounterSample poll() throws Exception {
        List<CounterSample> samples = poller.pollOnce(device).get(10, TimeUnit.SECONDS);
        assertThat(samples).hasSize(1);
        assertThat(samples.get(0).deviceAnswered()).isTrue();
        return samples.get(0);
    }

    private SecurityAssociation sa(RouterTunnelEnd end) {
        return sim.read(end::sa);
    }

    private long[] snapshot(RouterTunnelEnd end) {
        return sim.read(() -> new long[] {end.sa().inPkts(), end.sa().outPkts(), end.sa().inOctets(),
                end.sa().outOctets()});
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.1.1", 0))) {
            return s.getLocalPort();
        }
    }
}
