package io.tunnelwatch.collector.snmp.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.poll.NetSnmpAgent;
import io.tunnelwatch.collector.snmp.poll.Snmp4jClient;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.mib.RttMonMib;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trap receiver against net-snmp's own {@code snmptrap} and {@code snmpinform}, v2c and v3 authPriv (SHA/AES),
 * on 127.0.0.0/8: the v2c device sends from 127.0.0.1, the v3 inform device from 127.0.0.2, strangers from 127.0.0.3.
 */
class TrapReceiverIT {

    private static final String ENGINE_ID = "80001f8880aabbccdd01020304";
    private static final String STOP = IpsecFlowMonitorMib.CIKE_TUNNEL_STOP.oid();

    @TempDir
    Path dir;
    private final List<TunnelEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TrapReceiver receiver;

    @BeforeEach
    void start() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        var v2 = new SnmpDevice("rtr-v2", loopback, 161, new SnmpDevice.V2c("trapsecret"), Set.of(), null);
        var v3 = new SnmpDevice("rtr-v3-inform", address("127.0.0.2"), 161,
                new SnmpDevice.V3("twuser", "SHA", "authpass123", "AES", "privpass123", null), Set.of(), null);
        receiver = new TrapReceiver(new InetSocketAddress(loopback, 0), List.of(v2, v3),
                new TrapDecoder(new TunnelIndex()), event -> {
                    events.add(event);
                    return PublishOutcome.QUEUED;
                }, Clock.systemUTC(), registry);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void snmptrap(String... args) throws Exception {
        assertThat(run("snmptrap", args)).isZero();
    }

    /** Runs a net-snmp tool with its own persistent dir and no MIB loading; its exit code. */
    private int run(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(tool + ".log").toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.toString());
        builder.environment().put("MIBS", "");
        Process p = builder.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(java.nio.file.Files.readString(dir.resolve(tool + ".log"))).isBetween(0, 1);
        return p.exitValue();
    }

    private double traps(String type, String outcome) {
        return registry.get("tunnelwatch.snmp.traps").tags("type", type, "outcome", outcome).counter().count();
    }

    private String target() {
        return "udp:127.0.0.1:" + receiver.address().getPort();
    }

    private static String[] cikeTunnelStopVarbinds() {
        return new String[] {"", STOP,
            IpsecFlowMonitorMib.CIKE_PEER_LOCAL_ADDR + ".1", "x", "C0000201",
            IpsecFlowMonitorMib.CIKE_PEER_REMOTE_ADDR + ".1", "x", "C6336407",
            IpsecFlowMonitorMib.CIKE_TUN_ACTIVE_TIME + ".4", "i", "12345"};
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void shouldTurnAV2cCikeTunnelStopIntoAnIkeSaDownOfTheRightDeviceAndPeer() throws Exception {
        snmptrap(concat(new String[] {"-v", "2c", "-c", "trapsecret", target()}, cikeTunnelStopVarbinds()));

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        TunnelEvent event = events.get(0);
        assertThat(event.kind()).isEqualTo(EventKind.IKE_SA_DOWN);
        assertThat(event.device()).isEqualTo("rtr-v2");
        assertThat(event.peer()).isEqualTo("198.51.100.7");
        assertThat(event.fields()).containsEntry("local_address", "192.0.2.1");
        assertThat(event.transport()).isEqualTo("snmp");
        assertThat(registry.get("tunnelwatch.snmp.traps").tags("type", "cikeTunnelStop", "outcome", "accepted")
                .counter().count()).isEqualTo(1);
    }

    /** An IP SLA probe to the peer timing out, then passing again, as IOS sends rttMonTimeoutNotification. */
    @Test
    void shouldTurnAV2cIpSlaTimeoutIntoAnUnderlayProbeFailureOfThePeerAndItsClearIntoOk() throws Exception {
        for (String truth : new String[] {"1", "2"}) {
            snmptrap("-v", "2c", "-c", "trapsecret", target(), "", RttMonMib.RTT_MON_TIMEOUT.oid(),
                    RttMonMib.RTT_MON_CTRL_ADMIN_TAG + ".10", "s", "to rtr-branch-7",
                    RttMonMib.RTT_MON_HISTORY_COLLECTION_ADDRESS + ".10.1.1.1", "x", "C6336407",
                    RttMonMib.RTT_MON_CTRL_OPER_TIMEOUT + ".10", "i", truth);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        assertThat(events).extracting(TunnelEvent::kind)
                .containsExactly(EventKind.UNDERLAY_PROBE_FAILED, EventKind.UNDERLAY_PROBE_OK);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.device()).isEqualTo("rtr-v2");
            assertThat(e.peer()).isEqualTo("198.51.100.7");
            assertThat(e.fields()).containsEntry("sla_index", "10").containsEntry("probe", "timeout");
        });
        assertThat(traps("rttMonTimeoutNotification", "accepted")).isEqualTo(2);
    }

    /**
     * A cipSecTunnelStop names only a cipSecTunIndex; one the poller has not seen yet (a rekey between polls) is
     * resolved with one GET of cipSecTunRemoteAddr from the router, here a real snmpd, before the event goes out.
     */
    @Test
    void shouldResolveATunnelIndexThePollerHasNotSeenWithOneGetToTheRouter() throws Exception {
        try (NetSnmpAgent router = new NetSnmpAgent(dir.resolve("snmpd"));
             Snmp4jClient lookups = new Snmp4jClient()) {
            router.serve(List.of(IpsecFlowMonitorMib.CIPSEC_TUN_REMOTE_ADDR + ".77 octet C6 33 64 07"));
            var polled = new SnmpDevice("rtr-polled", InetAddress.getLoopbackAddress(), router.port(),
                    new SnmpDevice.V2c(NetSnmpAgent.COMMUNITY), Set.of(), null);
            receiver.close();
            receiver = new TrapReceiver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(polled),
                    new TrapDecoder(new TunnelIndex()), event -> {
                        events.add(event);
                        return PublishOutcome.QUEUED;
                    }, lookups, Clock.systemUTC(), registry);

            for (String index : new String[] {"77", "78"}) { // 78: the router has no such row either
                snmptrap("-v", "2c", "-c", NetSnmpAgent.COMMUNITY, target(), "",
                        IpsecFlowMonitorMib.CIPSEC_TUNNEL_STOP.oid(),
                        IpsecFlowMonitorMib.CIPSEC_TUN_ACTIVE_TIME + "." + index, "i", "100");
                await().atMost(Duration.ofSeconds(20)).until(() -> events.size() == ("77".equals(index) ? 1 : 2));
            }

            assertThat(events.get(0).kind()).isEqualTo(EventKind.IPSEC_SA_DOWN);
            assertThat(events.get(0).peer()).isEqualTo("198.51.100.7");
            assertThat(events.get(0).fields()).containsEntry("tunnel_index", "77").containsEntry("peer_source", "get")
                    .doesNotContainKey("unresolved_tunnel_index");
            assertThat(events.get(1).peer()).isEqualTo("*");
            assertThat(events.get(1).fields()).containsEntry("unresolved_tunnel_index", "78");
            assertThat(traps("cipSecTunnelStop", "accepted")).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseAndCountAWrongCommunity() throws Exception {
        snmptrap(concat(new String[] {"-v", "2c", "-c", "guess", target()}, cikeTunnelStopVarbinds()));

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("tunnelwatch.snmp.traps")
                .tags("type", "cikeTunnelStop", "outcome", "rejected_community").counter().count() == 1);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldAcceptAV3AuthPrivTrapFromTheConfiguredEngine() throws Exception {
        receiver.close();
        var v3 = new SnmpDevice("rtr-v3", InetAddress.getLoopbackAddress(), 161,
                new SnmpDevice.V3("twuser", "SHA", "authpass123", "AES", "privpass123", ENGINE_ID), Set.of(), null);
        receiver = new TrapReceiver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(v3),
                new TrapDecoder(new TunnelIndex()), event -> {
                    events.add(event);
                    return PublishOutcome.QUEUED;
                }, Clock.systemUTC(), registry);

        snmptrap(concat(new String[] {"-v3", "-e", "0x" + ENGINE_ID, "-u", "twuser", "-l", "authPriv",
            "-a", "SHA", "-A", "authpass123", "-x", "AES", "-X", "privpass123", target()},
                cikeTunnelStopVarbinds()));

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).device()).isEqualTo("rtr-v3");
        assertThat(events.get(0).peer()).isEqualTo("198.51.100.7");
        assertThat(events.get(0).kind()).isEqualTo(EventKind.IKE_SA_DOWN);
    }

    private String[] v3Inform(String user, String authKey, String privKey) {
        return concat(new String[] {"-v3", "--clientaddr=127.0.0.2", "-t", "2", "-r", "0", "-u", user,
            "-l", "authPriv", "-a", "SHA", "-A", authKey, "-x", "AES", "-X", privKey, target()},
                cikeTunnelStopVarbinds());
    }

    @Test
    void shouldAnswerAV2cInformAndPublishIt() throws Exception {
        int exit = run("snmpinform", concat(new String[] {"-v", "2c", "-c", "trapsecret", "-t", "2", "-r", "1",
            target()}, cikeTunnelStopVarbinds()));

        assertThat(exit).as("snmpinform got its response").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).device()).isEqualTo("rtr-v2");
        assertThat(events.get(0).peer()).isEqualTo("198.51.100.7");
        assertThat(traps("cikeTunnelStop", "accepted")).isEqualTo(1);
    }

    @Test
    void shouldAnswerAV3AuthPrivInformWhoseSenderDiscoveredTheReceiversEngine() throws Exception {
        int exit = run("snmpinform", v3Inform("twuser", "authpass123", "privpass123"));

        assertThat(exit).as("snmpinform got its response").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).device()).isEqualTo("rtr-v3-inform");
        assertThat(events.get(0).kind()).isEqualTo(EventKind.IKE_SA_DOWN);
        assertThat(traps("cikeTunnelStop", "accepted")).isEqualTo(1);
    }

    @Test
    void shouldCountAnUnknownV3UserAndLeaveTheInformUnanswered() throws Exception {
        int exit = run("snmpinform", v3Inform("intruder", "authpass123", "privpass123"));

        assertThat(exit).isNotZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("other", "rejected_user") >= 1);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldCountWrongV3KeysAndLeaveTheInformUnanswered() throws Exception {
        int exit = run("snmpinform", v3Inform("twuser", "wrongpass123", "privpass123"));

        assertThat(exit).isNotZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("other", "rejected_auth") >= 1);
        assertThat(events).isEmpty();
    }

    @Test
    void shouldCountEachBadInputAndStillPublishTheGoodTrapThatFollows() throws Exception {
        try (var socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] garbage = {0x30, (byte) 0x84, 0x7f, 0x00, 0x01, 0x02, 0x01, 0x01, 0x04};
            socket.send(new java.net.DatagramPacket(garbage, garbage.length, receiver.address()));
            byte[] text = "<189>not snmp at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.send(new java.net.DatagramPacket(text, text.length, receiver.address()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("other", "malformed") == 2);
        snmptrap(concat(new String[] {"-v", "2c", "-c", "trapsecret", "--clientaddr=127.0.0.3", target()},
                cikeTunnelStopVarbinds()));
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("cikeTunnelStop", "rejected_source") == 1);
        run("snmpinform", v3Inform("intruder", "authpass123", "privpass123"));
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("other", "rejected_user") >= 1);
        run("snmpinform", v3Inform("twuser", "wrongpass123", "privpass123"));
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("other", "rejected_auth") >= 1);
        // a wrong privacy key decrypts to bytes that do not parse: indistinguishable from a corrupted datagram
        run("snmpinform", v3Inform("twuser", "authpass123", "wrongpriv123"));
        await().atMost(Duration.ofSeconds(10)).until(() -> traps("other", "malformed") >= 3);
        assertThat(events).isEmpty();

        snmptrap(concat(new String[] {"-v", "2c", "-c", "trapsecret", target()}, cikeTunnelStopVarbinds()));

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).device()).isEqualTo("rtr-v2");
        assertThat(traps("cikeTunnelStop", "accepted")).isEqualTo(1);
    }

    private static byte[] fuzzInput(String name) throws java.io.IOException {
        return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/io/tunnelwatch/collector/"
                + "snmp/trap/TrapDecoderFuzzTestInputs/trapDecoderTakesAnyDatagramThatSnmp4jDecodes", name));
    }

    @Test
    void shouldCountHostileDatagramsAsMalformedAndStillPublishTheGoodTrapThatFollows() throws Exception {
        List<byte[]> hostile = new ArrayList<>();
        // 5,000 nested SEQUENCEs, each claiming more than the datagram holds
        byte[] nested = new byte[20_000];
        for (int i = 0; i < nested.length; i += 4) {
            nested[i] = 0x30;
            nested[i + 1] = (byte) 0x82;
            nested[i + 2] = (byte) 0xff;
            nested[i + 3] = (byte) 0xff;
        }
        hostile.add(nested);
        // a length of 2^31 - 1 in a 6-byte datagram
        hostile.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        // a v2c trap cut after its community, then cut inside its variable bindings
        byte[] trap = {0x30, 0x2f, 0x02, 0x01, 0x01, 0x04, 0x0a, 't', 'r', 'a', 'p', 's', 'e', 'c', 'r', 'e', 't',
                (byte) 0xa7, 0x1e, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x13, 0x30, 0x11,
                0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x03, 0x00};
        hostile.add(java.util.Arrays.copyOf(trap, 17));
        hostile.add(trap);
        // the fuzzer's finds, which SNMP4J used to drop uncounted: a varbind of BER type 0x63, which no SMI syntax
        // has, and a community longer than the datagram
        hostile.add(fuzzInput("unknown-syntax"));
        hostile.add(fuzzInput("community-longer-than-datagram"));
        try (var socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (byte[] datagram : hostile) {
                socket.send(new java.net.DatagramPacket(datagram, datagram.length, receiver.address()));
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(traps("other", "malformed")).isEqualTo(hostile.size()));

        snmptrap(concat(new String[] {"-v", "2c", "-c", "trapsecret", target()}, cikeTunnelStopVarbinds()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events).hasSize(1);
        assertThat(traps("cikeTunnelStop", "accepted")).isEqualTo(1);
    }
}
