package io.tunnelwatch.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.catalog.CatalogMatch;
import io.tunnelwatch.collector.catalog.MessageCatalog;
import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.trap.TrapDecoder;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.simulator.FleetSimulation;
import io.tunnelwatch.simulator.MutableClock;
import io.tunnelwatch.simulator.RecordingOutput;
import io.tunnelwatch.simulator.agent.OidMap;
import io.tunnelwatch.simulator.agent.RouterMib;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.trap.TrapSender;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import io.tunnelwatch.simulator.tunnel.TrafficProfile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * Each fault changes what the pair puts on the wire the way docs/runbook.md describes the failure, and its repair
 * undoes it.
 */
class FaultTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final RecordingOutput out = new RecordingOutput();
    private final FleetSimulation sim = new FleetSimulation(Fleet.create(2, 1, clock, 1),
            new SimulationClock(clock, clock.instant(), 1), new TrafficProfile(100, 100), Duration.ofDays(1), out);
    private final SimulatedTunnel tunnel;
    private final RouterTunnelEnd local;
    private final RouterTunnelEnd remote;

    FaultTest() {
        sim.start(0);
        tunnel = sim.tunnel("rtr-01", "rtr-02");
        local = sim.router("rtr-01").endTo("127.0.1.2");
        remote = tunnel.far(local);
        out.clear();
    }

    /**
     * rtr-01's failure-table rows as its agent serves them: "reason-label address" of each, the reason from
     * {@code reasonColumn}, the address from {@code addressColumn}.
     */
    private List<String> servedFailure(String reasonColumn, String addressColumn) throws UnknownHostException {
        OidMap view = RouterMib.of(sim.router("rtr-01"), clock.instant(), true);
        List<String> labels = reasonColumn.equals(IpsecFlowMonitorMib.CIKE_FAIL_REASON)
                ? IpsecFlowMonitorMib.CIKE_FAIL_REASONS : IpsecFlowMonitorMib.CIPSEC_FAIL_REASONS;
        List<String> rows = new ArrayList<>();
        OID at = new OID(reasonColumn);
        for (var b = view.next(at); b != null && !b.isException() && b.getOid().startsWith(at);
                b = view.next(b.getOid())) {
            String index = b.getOid().toDottedString().substring(reasonColumn.length());
            OctetString address = (OctetString) view.get(new OID(addressColumn + index)).getVariable();
            rows.add(labels.get(b.getVariable().toInt()) + " "
                    + InetAddress.getByAddress(address.getValue()).getHostAddress());
        }
        return rows;
    }

    @Test
    void shouldLeaveNoFailureRowsWhereNothingFailed() throws UnknownHostException {
        sim.inject(Fault.DECAPS_STALL, "rtr-01", "rtr-02");
        clock.advance(Duration.ofSeconds(61));
        sim.tick();

        assertThat(servedFailure(IpsecFlowMonitorMib.CIKE_FAIL_REASON, IpsecFlowMonitorMib.CIKE_FAIL_REMOTE_ADDR))
                .isEmpty();
        assertThat(servedFailure(IpsecFlowMonitorMib.CIPSEC_FAIL_REASON, IpsecFlowMonitorMib.CIPSEC_FAIL_PKT_SRC_ADDR))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void shouldChangeTheWireOutputTheWayTheRealRouterWouldAndRepairCleanly(Fault fault) throws Exception {
        long localIn = local.sa().inPkts();
        long localOut = local.sa().outPkts();
        sim.inject(fault, "rtr-01", "rtr-02");
        clock.advance(Duration.ofSeconds(61));
        sim.tick();
        Set<EventKind> kinds = kindsSent();
        Set<String> traps = trapsSent();

        switch (fault) {
            case PEER_UNREACHABLE -> {
                assertThat(kinds).contains(EventKind.SESSION_DOWN, EventKind.IKE_STATE, EventKind.IKE_RETRANSMIT);
                assertThat(traps).contains("cikeTunnelStop", "cipSecTunnelStop");
                assertThat(local.ikeIndex()).isNull();
                assertThat(local.sa()).isNull();
            }
            case IKE_PROPOSAL_MISMATCH -> {
                assertThat(kinds).contains(EventKind.IKE_PROPOSAL_REJECTED, EventKind.IKE_MODE_FAILURE);
                assertThat(out.lines).as("the far end hears the refusal too")
                        .anyMatch(l -> l.startsWith("rtr-02: %CRYPTO-6-IKMP_MODE_FAILURE")
                                && l.endsWith("peer at 127.0.1.1"));
                assertThat(local.ikeIndex()).isNull();
                assertThat(servedFailure(IpsecFlowMonitorMib.CIKE_FAIL_REASON, IpsecFlowMonitorMib.CIKE_FAIL_REMOTE_ADDR))
                        .contains("proposalFailure 127.0.1.2");
            }
            case PSK_MISMATCH -> {
                assertThat(kinds).contains(EventKind.IKE_BAD_MESSAGE, EventKind.IKE_STATE);
                assertThat(out.lines).anyMatch(l -> l.endsWith("MM_KEY_EXCH"));
                assertThat(servedFailure(IpsecFlowMonitorMib.CIKE_FAIL_REASON, IpsecFlowMonitorMib.CIKE_FAIL_REMOTE_ADDR))
                        .as("cikeFailTable: why, and with whom").contains("authFailure 127.0.1.2");
            }
            case TRANSFORM_SET_MISMATCH, PFS_MISMATCH -> {
                assertThat(kinds).contains(EventKind.IPSEC_SETUP_FAILED);
                assertThat(local.ikeIndex()).isNotNull();
                assertThat(local.sa()).isNull();
                assertThat(traps).contains("cipSecTunnelStop").doesNotContain("cikeTunnelStop");
                assertThat(servedFailure(IpsecFlowMonitorMib.CIPSEC_FAIL_REASON,
                        IpsecFlowMonitorMib.CIPSEC_FAIL_PKT_SRC_ADDR)).as("cipSecFailTable, the peer's packet")
                        .contains("proposalFailure 127.0.1.2");
            }
            case CRYPTO_ACL_NOT_MIRRORED -> {
                assertThat(kinds).contains(EventKind.PROXY_IDENTITIES_REJECTED, EventKind.IPSEC_SETUP_FAILED);
                assertThat(local.sa()).isNull();
            }
            case DECAPS_STALL -> {
                assertThat(local.sa().inPkts()).isEqualTo(localIn);
                assertThat(local.sa().outPkts()).isGreaterThan(localOut);
            }
            case ENCAPS_STALL -> {
                assertThat(local.sa().outPkts()).isEqualTo(localOut);
                assertThat(local.sa().inPkts()).isGreaterThan(localIn);
            }
            case NAT_WITHOUT_EXEMPTION -> {
                assertThat(local.sa().outPkts()).isEqualTo(localOut);
                assertThat(out.lines).anyMatch(l -> l.contains(":4500"));
            }
            case REPLAY_ERRORS -> {
                assertThat(kinds).contains(EventKind.REPLAY_ERROR);
                assertThat(local.sa().inReplayDrops()).isPositive();
            }
            case AUTH_ERRORS -> {
                assertThat(kinds).contains(EventKind.AUTH_ERROR);
                assertThat(local.sa().inAuthFails()).isPositive();
                assertThat(local.sa().inDecryptFails()).isPositive();
            }
            case SPI_DESYNC -> {
                assertThat(out.lines).anyMatch(l -> l.startsWith("rtr-02: %CRYPTO-4-RECVD_PKT_INV_SPI")
                        && l.contains("srcaddr=127.0.1.1"));
                assertThat(kinds).contains(EventKind.INVALID_SPI);
                assertThat(remote.sa().inPkts()).isZero();
                assertThat(local.sa().outPkts()).isGreaterThan(localOut);
            }
            case TUNNEL_INTERFACE_DOWN -> {
                assertThat(kinds).contains(EventKind.TUNNEL_INTERFACE_DOWN);
                assertThat(traps).contains("linkDown");
                assertThat(local.interfaceUp()).isFalse();
            }
            case OSPF_ADJACENCY_DOWN -> {
                assertThat(kinds).containsExactly(EventKind.ROUTING_ADJACENCY_DOWN);
                assertThat(out.lines).as("both ends, each on its tunnel, naming the other's router id")
                        .anyMatch(l -> l.startsWith("rtr-01: %OSPF-5-ADJCHG:") && l.contains("Nbr 127.0.1.2 on Tunnel"))
                        .anyMatch(l -> l.startsWith("rtr-02: %OSPF-5-ADJCHG:") && l.contains("Nbr 127.0.1.1 on Tunnel"));
                assertThat(tunnel.ipsecUp()).as("IPsec stays up").isTrue();
                assertThat(local.sa().outPkts()).isGreaterThan(localOut);
            }
            case MTU_BLACK_HOLE -> assertThat(local.sa().outDrops()).isPositive();
            case FLAPPING -> {
                assertThat(kinds).contains(EventKind.SESSION_DOWN);
                clock.advance(Duration.ofSeconds(91));
                sim.tick();
                assertThat(kindsSent()).contains(EventKind.SESSION_UP);
            }
            case ROUTER_SILENT -> {
                assertThat(out.lines).noneMatch(l -> l.startsWith("rtr-01:"));
                assertThat(sim.view(local.router(), true)).isNull();
            }
            case PEER_NEVER_UP -> {
                assertThat(out.lines).isEmpty();
                assertThat(out.notifications).isEmpty();
                assertThat(local.sa()).isNull();
            }
        }

        assertThat(sim.repair(fault, "rtr-01", "rtr-02")).isTrue();
        clock.advance(Duration.ofSeconds(10));
        sim.tick();
        if (fault != Fault.FLAPPING || tunnel.ipsecUp()) {
            assertThat(tunnel.ipsecUp()).isTrue();
        }
        assertThat(local.interfaceUp()).isTrue();
        assertThat(sim.view(local.router(), true)).isNotNull();
        long in = local.sa().inPkts();
        long outPkts = remote.sa().inPkts();
        clock.advance(Duration.ofSeconds(10));
        sim.tick();
        assertThat(local.sa().inPkts()).as("decaps after repair").isGreaterThan(in);
        assertThat(remote.sa().inPkts()).as("far decaps after repair").isGreaterThan(outPkts);
    }

    /** The event kinds tunnelwatch's own parser and catalog read from the lines sent. */
    private Set<EventKind> kindsSent() {
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (String sent : out.lines) {
            String message = sent.substring(sent.indexOf(": ") + 2);
            String line = sim.router(sent.substring(0, sent.indexOf(':'))).router().line(message);
            if (new IosSyslogParser().parse(line) instanceof SyslogParseResult.Parsed p) {
                new MessageCatalog().match(p.message()).map(CatalogMatch::kind).ifPresent(kinds::add);
            }
        }
        return kinds;
    }

    /** The notification names tunnelwatch's trap decoder reads from the traps sent. */
    private Set<String> trapsSent() {
        Set<String> names = new HashSet<>();
        TrapDecoder decoder = new TrapDecoder(new TunnelIndex());
        for (RecordingOutput.Sent s : out.notifications) {
            TunnelEvent e = decoder.decode(s.router(), "127.0.1.1", TrapSender.pdu(s.notification(), 100),
                    clock.instant());
            if (e != null) {
                names.add(e.mnemonic());
            }
        }
        return names;
    }
}
