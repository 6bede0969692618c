package io.tunnelwatch.collector.snmp.trap;

import static io.tunnelwatch.mib.IfMib.*;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;
import static io.tunnelwatch.mib.RttMonMib.*;
import static io.tunnelwatch.mib.SnmpV2Mib.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.TunnelInterface;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.CiscoSmi;
import io.tunnelwatch.mib.Oids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** Every CISCO-IPSEC-FLOW-MONITOR-MIB notification and IF-MIB link trap, built as SNMP4J PDUs and decoded. */
class TrapDecoderTest {

    private static final String DEVICE = "rtr-hq-1";
    private static final String PEER = "198.51.100.7";
    private static final byte[] PEER_BYTES = {(byte) 198, 51, 100, 7};
    private static final byte[] LOCAL_BYTES = {(byte) 192, 0, 2, 1};
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    /** cikePeerTable index: ipAddrPeer(1) "192.0.2.1", ipAddrPeer(1) "198.51.100.7", cikePeerIntIndex 1. */
    private static final String PEER_INDEX =
            cikePeerIndex(IKE_PEER_TYPE_IP_ADDR_PEER, "192.0.2.1", IKE_PEER_TYPE_IP_ADDR_PEER, PEER, 1);
    /** CISCO-SYSLOG-MIB's notifications (ciscoMgmt 41, 2): a MIB this decoder leaves alone. */
    private static final String CISCO_SYSLOG_NOTIFICATIONS = Oids.child(CiscoSmi.CISCO_MGMT, 41, 2);
    /** clogMessageGenerated of CISCO-SYSLOG-MIB. */
    private static final String CLOG_MESSAGE_GENERATED = Oids.child(CISCO_SYSLOG_NOTIFICATIONS, 0, 1);
    private static final int SA_INDEX = 12;
    private static final int IKE_INDEX = 3;

    private final TunnelIndex index = new TunnelIndex();
    private final TrapDecoder decoder = new TrapDecoder(index);

    TrapDecoderTest() {
        index.update(DEVICE, Map.of(SA_INDEX, PEER), Map.of(IKE_INDEX, PEER),
                List.of(new TunnelInterface(20, "Tunnel7", true, PEER)));
    }

    /** The IPsec notification number {@code n}, ciscoIpSecFlowMonitorMIB.2.0.n, as the table below numbers them. */
    private static String ipsec(int n) {
        return Oids.child(NOTIFICATIONS, n);
    }

    private static VariableBinding vb(String oid, Variable value) {
        return new VariableBinding(new OID(oid), value);
    }

    private static PDU v2(String trapOid, List<VariableBinding> bindings) {
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        pdu.add(vb(SYS_UP_TIME_0, new TimeTicks(4242)));
        pdu.add(vb(SNMP_TRAP_OID_0, new OID(trapOid)));
        bindings.forEach(pdu::add);
        return pdu;
    }

    private static List<VariableBinding> peerAddresses(byte[] local, byte[] remote) {
        return List.of(vb(CIKE_PEER_LOCAL_ADDR + "." + PEER_INDEX, new OctetString(local)),
                vb(CIKE_PEER_REMOTE_ADDR + "." + PEER_INDEX, new OctetString(remote)));
    }

    private static List<VariableBinding> plus(List<VariableBinding> a, VariableBinding... more) {
        List<VariableBinding> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    private static VariableBinding saColumn(String column) {
        return vb(column + "." + SA_INDEX, new Integer32(600));
    }

    private static VariableBinding spiProtocol() {
        return vb(CIPSEC_SPI_PROTOCOL + "." + SA_INDEX + ".1", new Integer32(2));
    }

    /** The 13 notifications with the varbinds the MIB's OBJECTS clause lists, and what each must become. */
    static Stream<Arguments> notifications() {
        var peers = peerAddresses(LOCAL_BYTES, PEER_BYTES);
        return Stream.of(
                Arguments.of(1, "cikeTunnelStart", plus(peers, vb(CIKE_TUN_LIFE_TIME + "." + IKE_INDEX,
                        new Integer32(86400))), EventKind.IKE_SA_UP, Layer.IKE),
                Arguments.of(2, "cikeTunnelStop", plus(peers, vb(CIKE_TUN_ACTIVE_TIME + "." + IKE_INDEX,
                        new TimeTicks(12345))), EventKind.IKE_SA_DOWN, Layer.UNDERLAY),
                Arguments.of(3, "cikeSysFailure", peers, EventKind.IKE_FAILURE, Layer.IKE),
                Arguments.of(4, "cikeCertCrlFailure", peers, EventKind.IKE_FAILURE, Layer.IKE),
                Arguments.of(5, "cikeProtocolFailure", peers, EventKind.IKE_FAILURE, Layer.IKE),
                Arguments.of(6, "cikeNoSa", peers, EventKind.IKE_FAILURE, Layer.IKE),
                Arguments.of(7, "cipSecTunnelStart", List.of(saColumn(CIPSEC_TUN_LIFE_TIME),
                        vb(CIPSEC_TUN_LIFE_SIZE + "." + SA_INDEX, new UnsignedInteger32(4608000))),
                        EventKind.IPSEC_SA_UP, Layer.IPSEC),
                Arguments.of(8, "cipSecTunnelStop", List.of(saColumn(CIPSEC_TUN_ACTIVE_TIME)),
                        EventKind.IPSEC_SA_DOWN, Layer.IPSEC),
                Arguments.of(9, "cipSecSysFailure", plus(peers, saColumn(CIPSEC_TUN_ACTIVE_TIME), spiProtocol()),
                        EventKind.IPSEC_FAILURE, Layer.TRAFFIC),
                Arguments.of(10, "cipSecSetUpFailure", peers, EventKind.IPSEC_SETUP_FAILED, Layer.IPSEC),
                Arguments.of(11, "cipSecEarlyTunTerm", List.of(saColumn(CIPSEC_TUN_ACTIVE_TIME), spiProtocol()),
                        EventKind.IPSEC_SA_DOWN, Layer.IPSEC),
                Arguments.of(12, "cipSecProtocolFailure", List.of(saColumn(CIPSEC_TUN_ACTIVE_TIME), spiProtocol()),
                        EventKind.IPSEC_FAILURE, Layer.TRAFFIC));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("notifications")
    void shouldDecodeEachNotificationToItsKindLayerDeviceAndPeer(int number, String name,
                                                                 List<VariableBinding> bindings, EventKind kind,
                                                                 Layer layer) {
        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(ipsec(number), bindings), NOW);

        assertThat(event.kind()).isEqualTo(kind);
        assertThat(event.layer()).isEqualTo(layer);
        assertThat(event.mnemonic()).isEqualTo(name);
        assertThat(event.device()).isEqualTo(DEVICE);
        assertThat(event.peer()).isEqualTo(PEER);
        assertThat(event.transport()).isEqualTo("snmp");
        assertThat(event.routerTime()).isEqualTo(new TimeTicks(4242).toString());
        assertThat(event.receivedAt()).isEqualTo(NOW);
        assertThat(event.fields()).doesNotContainKey("unresolved_tunnel_index");
        assertThat(event.text()).as("evidence a person reads").startsWith(name + " peer " + PEER)
                .doesNotContain("1.3.6.1.");   // the prefix of every OID: no raw varbind in the evidence
        assertThat(TrapDecoder.typeLabel(ipsec(number))).isEqualTo(name);
    }

    @Test
    void shouldDecodeCipSecNoSaWithoutVarbindsAsADeviceWideIpsecFailure() {
        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(ipsec(13), List.of()), NOW);

        assertThat(event.kind()).isEqualTo(EventKind.IPSEC_FAILURE);
        assertThat(event.layer()).isEqualTo(Layer.TRAFFIC);
        assertThat(event.mnemonic()).isEqualTo("cipSecNoSa");
        assertThat(event.peer()).isEqualTo("*");
    }

    @Test
    void shouldReadASixteenByteCikePeerRemoteAddrAsCanonicalIpv6() {
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 7;

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1",
                v2(ipsec(2), peerAddresses(LOCAL_BYTES, v6)), NOW);

        assertThat(event.peer()).isEqualTo("2001:db8::7");
        assertThat(event.fields()).containsEntry("local_address", "192.0.2.1");
    }

    @Test
    void shouldFallBackToThePeerInTheCikePeerIndexWhenTheAddressValueIsOdd() {
        byte[] text = PEER.getBytes(StandardCharsets.US_ASCII);   // a DisplayString where IPSIpAddress belongs

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1",
                v2(ipsec(5), peerAddresses(LOCAL_BYTES, text)), NOW);

        assertThat(event.peer()).isEqualTo(PEER);
    }

    @Test
    void shouldFallBackToTheIndexOfTheLocalAddrVarbindWhenRemoteAddrIsMissing() {
        String v6Index = cikePeerIndex(IKE_PEER_TYPE_IP_ADDR_PEER, "192.0.2.1", IKE_PEER_TYPE_IP_ADDR_PEER,
                "2001:DB8:0:0::7", 3);
        var bindings = List.of(vb(CIKE_PEER_LOCAL_ADDR + "." + v6Index, new OctetString(LOCAL_BYTES)));

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(ipsec(6), bindings), NOW);

        assertThat(event.peer()).isEqualTo("2001:db8::7");
    }

    @Test
    void shouldLeaveThePeerUnknownWhenTheIndexNamesAnFqdnOrIsTruncated() {
        String fqdnIndex = cikePeerIndex(IKE_PEER_TYPE_IP_ADDR_PEER, "192.0.2.1", IKE_PEER_TYPE_NAME_PEER,
                "vpn.example.net", 1);
        String truncated = "1.9.49.57.50";
        for (String suffix : List.of(fqdnIndex, truncated, "1")) {
            var bindings = List.of(vb(CIKE_PEER_REMOTE_ADDR + "." + suffix, new OctetString(new byte[0])));

            TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(ipsec(3), bindings),
                    NOW);

            assertThat(event.peer()).as(suffix).isEqualTo("*");
        }
    }

    @Test
    void shouldMarkACipSecTunnelStopOfAnIndexTheLastPollDidNotSeeAsUnresolved() {
        var bindings = List.of(vb(CIPSEC_TUN_ACTIVE_TIME + ".99", new Integer32(5)));

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(ipsec(8), bindings), NOW);

        assertThat(event.kind()).isEqualTo(EventKind.IPSEC_SA_DOWN);
        assertThat(event.peer()).isEqualTo("*");
        assertThat(event.fields()).containsEntry("unresolved_tunnel_index", "99").containsEntry("tunnel_index", "99");
    }

    @Test
    void shouldNotResolveATunnelIndexAgainstAnotherDevicesPoll() {
        TunnelEvent event = decoder.decode("rtr-branch-9", "192.0.2.9",
                v2(ipsec(7), List.of(saColumn(CIPSEC_TUN_LIFE_TIME))), NOW);

        assertThat(event.peer()).isEqualTo("*");
        assertThat(event.fields()).containsEntry("unresolved_tunnel_index", String.valueOf(SA_INDEX));
    }

    private static PDUv1 v1(String enterprise, int generic, int specific, List<VariableBinding> bindings) {
        PDUv1 pdu = new PDUv1();
        pdu.setEnterprise(new OID(enterprise));
        pdu.setGenericTrap(generic);
        pdu.setSpecificTrap(specific);
        pdu.setTimestamp(4242);
        bindings.forEach(pdu::add);
        return pdu;
    }

    @Test
    void shouldTranslateAnEnterpriseSpecificV1TrapPerRfc3584() {
        PDUv1 pdu = v1(Oids.child(IPSEC_FLOW_MONITOR, 2), PDUv1.ENTERPRISE_SPECIFIC, 2,
                peerAddresses(LOCAL_BYTES, PEER_BYTES));

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", pdu, NOW);

        assertThat(TrapDecoder.trapOid(pdu)).isEqualTo(ipsec(2));
        assertThat(event.kind()).isEqualTo(EventKind.IKE_SA_DOWN);
        assertThat(event.peer()).isEqualTo(PEER);
    }

    @Test
    void shouldTranslateGenericV1LinkTrapsPerRfc3584() {
        var ifIndex = List.of(vb(IF_INDEX + ".20", new Integer32(20)));

        String product = Oids.child(CiscoSmi.CISCO_PRODUCTS, 1);   // any Cisco sysObjectID as the v1 enterprise
        TunnelEvent down = decoder.decode(DEVICE, "192.0.2.1", v1(product, PDUv1.LINKDOWN, 0, ifIndex), NOW);
        TunnelEvent up = decoder.decode(DEVICE, "192.0.2.1", v1(product, PDUv1.LINKUP, 0, ifIndex), NOW);

        assertThat(down.kind()).isEqualTo(EventKind.TUNNEL_INTERFACE_DOWN);
        assertThat(up.kind()).isEqualTo(EventKind.TUNNEL_INTERFACE_UP);
        assertThat(down.peer()).isEqualTo(PEER);
        assertThat(down.fields()).containsEntry("interface", "Tunnel7");
    }

    @Test
    void shouldIgnoreAV1TrapOfAnotherEnterprise() {
        assertThat(decoder.decode(DEVICE, "192.0.2.1", v1(CISCO_SYSLOG_NOTIFICATIONS, PDUv1.ENTERPRISE_SPECIFIC, 1,
                List.of()), NOW)).isNull();
    }

    @Test
    void shouldDecodeLinkDownOfAPolledTunnelInterfaceWithItsPeer() {
        var bindings = List.of(vb(IF_INDEX + ".20", new Integer32(20)),
                vb(IF_DESCR + ".20", new OctetString("Tunnel7")), vb(IF_TYPE + ".20", new Integer32(IF_TYPE_TUNNEL)));

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(LINK_DOWN.oid(), bindings), NOW);

        assertThat(event.kind()).isEqualTo(EventKind.TUNNEL_INTERFACE_DOWN);
        assertThat(event.layer()).isEqualTo(Layer.ROUTING);
        assertThat(event.peer()).isEqualTo(PEER);
        assertThat(event.fields()).containsEntry("interface", "Tunnel7").containsEntry("if_index", "20");
    }

    @Test
    void shouldDecodeLinkUpOfAnUnpolledTunnelInterfaceByItsTypeWithoutAPeer() {
        var bindings = List.of(vb(IF_INDEX + ".31", new Integer32(31)),
                vb(IF_DESCR + ".31", new OctetString("Tunnel31")), vb(IF_TYPE + ".31", new Integer32(IF_TYPE_TUNNEL)));

        TunnelEvent event = decoder.decode(DEVICE, "192.0.2.1", v2(LINK_UP.oid(), bindings), NOW);

        assertThat(event.kind()).isEqualTo(EventKind.TUNNEL_INTERFACE_UP);
        assertThat(event.peer()).isEqualTo("*");
        assertThat(event.fields()).containsEntry("interface", "Tunnel31");
    }

    @Test
    void shouldReadAnIfTypeOfTheWrongSyntaxAsNoTunnelRatherThanThrow() {
        // a fuzzer's find: Variable.toLong() throws for an OID, which a sender may put under ifType
        var bindings = List.of(vb(IF_INDEX + ".2", new Integer32(2)),
                vb(IF_DESCR + ".2", new OctetString("GigabitEthernet2")), vb(IF_TYPE + ".2", new OID("1.3.6")));

        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(LINK_DOWN.oid(), bindings), NOW)).isNull();
        var tunnel = List.of(vb(IF_INDEX + ".3", new Integer32(3)),
                vb(IF_TYPE + ".3", new UnsignedInteger32(IF_TYPE_TUNNEL)));
        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(LINK_DOWN.oid(), tunnel), NOW)).isNotNull();
    }

    @Test
    void shouldIgnoreLinkTrapsOfNonTunnelInterfaces() {
        var bindings = List.of(vb(IF_INDEX + ".1", new Integer32(1)),
                vb(IF_DESCR + ".1", new OctetString("GigabitEthernet1")), vb(IF_TYPE + ".1", new Integer32(IF_TYPE_ETHERNET_CSMACD)));

        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(LINK_DOWN.oid(), bindings), NOW)).isNull();
        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(LINK_UP.oid(), bindings), NOW)).isNull();
        assertThat(TrapDecoder.typeLabel(LINK_DOWN.oid())).isEqualTo("linkDown");
    }

    @Test
    void shouldIgnoreOtherNotificationsAndPdusWithoutATrapOid() {
        PDU bare = new PDU();
        bare.setType(PDU.TRAP);

        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(CLOG_MESSAGE_GENERATED, List.of()), NOW)).isNull();
        assertThat(decoder.decode(DEVICE, "192.0.2.1", bare, NOW)).isNull();
        assertThat(TrapDecoder.typeLabel(CLOG_MESSAGE_GENERATED)).isEqualTo("other");
    }
    // --- IP SLA (CISCO-RTTMON-MIB) ---

    private static final int SLA = 10;

    /** The varbinds IOS sends: the probe's tag, its target (history collection address) and the TruthValue. */
    private static List<VariableBinding> sla(String tag, byte[] target, String occurredColumn, int truth) {
        List<VariableBinding> b = new ArrayList<>();
        b.add(vb(RTT_MON_CTRL_ADMIN_TAG + "." + SLA, new OctetString(tag)));
        if (target != null) {
            b.add(vb(RTT_MON_HISTORY_COLLECTION_ADDRESS + "." + SLA + ".1.1.1", new OctetString(target)));
        }
        b.add(vb(occurredColumn + "." + SLA + (occurredColumn.equals(RTT_MON_REACT_OCCURRED) ? ".1" : ""),
                new Integer32(truth)));
        return b;
    }

    static Stream<Arguments> slaNotifications() {
        return Stream.of(
                Arguments.of(1, "rttMonConnectionChangeNotification", RTT_MON_CTRL_OPER_CONNECTION_LOST,
                        "connection_loss", null),
                Arguments.of(2, "rttMonTimeoutNotification", RTT_MON_CTRL_OPER_TIMEOUT, "timeout", null),
                Arguments.of(5, "rttMonNotification", RTT_MON_REACT_OCCURRED, "timeout", REACT_VAR_TIMEOUT),
                Arguments.of(5, "rttMonNotification", RTT_MON_REACT_OCCURRED, "connection_loss",
                        REACT_VAR_CONNECTION_LOSS));
    }

    @ParameterizedTest
    @MethodSource("slaNotifications")
    void shouldDecodeAnIpSlaProbeFailingAndPassingAgainAsAnUnderlayEventOfItsTarget(int number, String name,
            String occurredColumn, String probe, Integer reactVar) {
        String trapOid = Oids.child(RTT_MON_NOTIFICATIONS, number);
        for (int truth : new int[] {TRUTH_VALUE_TRUE, TRUTH_VALUE_FALSE}) {
            List<VariableBinding> bindings = sla("to branch 7", PEER_BYTES, occurredColumn, truth);
            if (reactVar != null) {
                bindings.add(vb(RTT_MON_REACT_VAR + "." + SLA + ".1", new Integer32(reactVar)));
            }

            TunnelEvent e = decoder.decode(DEVICE, "192.0.2.1", v2(trapOid, bindings), NOW);

            assertThat(e.kind()).isEqualTo(truth == TRUTH_VALUE_TRUE ? EventKind.UNDERLAY_PROBE_FAILED
                    : EventKind.UNDERLAY_PROBE_OK);
            assertThat(e.layer()).isEqualTo(Layer.UNDERLAY);
            assertThat(e.device()).isEqualTo(DEVICE);
            assertThat(e.peer()).isEqualTo(PEER);
            assertThat(e.mnemonic()).isEqualTo(name);
            assertThat(e.transport()).isEqualTo("snmp");
            assertThat(e.fields()).containsEntry("probe", probe).containsEntry("sla_index", "10")
                    .containsEntry("sla_tag", "to branch 7");
        }
        assertThat(TrapDecoder.typeLabel(trapOid)).isEqualTo(name);
    }

    @Test
    void shouldTakeTheSlaTagAsThePeerWhenItIsAnAddressAndTheTargetIsMissing() {
        TunnelEvent e = decoder.decode(DEVICE, "192.0.2.1", v2(Oids.child(RTT_MON_NOTIFICATIONS, 2),
                sla(" 198.51.100.7 ", null, RTT_MON_CTRL_OPER_TIMEOUT, 1)), NOW);
        TunnelEvent unnamed = decoder.decode(DEVICE, "192.0.2.1", v2(Oids.child(RTT_MON_NOTIFICATIONS, 2),
                sla("branch seven", null, RTT_MON_CTRL_OPER_TIMEOUT, 1)), NOW);

        assertThat(e.peer()).isEqualTo(PEER);
        assertThat(unnamed.peer()).as("no address anywhere: device-wide").isEqualTo("*");
        assertThat(unnamed.fields()).containsEntry("sla_tag", "branch seven");
    }

    @Test
    void shouldIgnoreIpSlaNotificationsAboutQualityOrWithoutATruthValue() {
        var rttReaction = sla("t", PEER_BYTES, RTT_MON_REACT_OCCURRED, 1);
        rttReaction.add(vb(RTT_MON_REACT_VAR + "." + SLA + ".1", new Integer32(REACT_VAR_RTT))); // slow, not lost
        var noTruth = sla("t", PEER_BYTES, RTT_MON_CTRL_OPER_TIMEOUT, 1);
        noTruth.remove(noTruth.size() - 1);

        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(Oids.child(RTT_MON_NOTIFICATIONS, 5), rttReaction), NOW))
                .isNull();
        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(Oids.child(RTT_MON_NOTIFICATIONS, 2), noTruth), NOW)).isNull();
        assertThat(decoder.decode(DEVICE, "192.0.2.1", v2(Oids.child(RTT_MON_NOTIFICATIONS, 3),
                sla("t", PEER_BYTES, RTT_MON_CTRL_OPER_TIMEOUT, 1)), NOW)).as("threshold: quality").isNull();
    }
}
