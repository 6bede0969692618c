package io.tunnelwatch.streams.peer;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.ikeState;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PeerStateMachineTest {

    private final PeerStateMachine machine = new PeerStateMachine();

    @Test
    void shouldStartAnUnseenPeerFromItsFirstEvent() {
        PeerState s = machine.apply(null, legacy(EventKind.SESSION_UP, IkeVersion.IKEV2, T0));

        assertThat(s.device()).isEqualTo("rtr");
        assertThat(s.peer()).isEqualTo("198.51.100.7");
        assertThat(s.phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(s.ikeVersion()).isEqualTo(IkeVersion.IKEV2);
        assertThat(s.ike().state()).isEqualTo(IkeState.READY);
        assertThat(s.ipsec().state()).isEqualTo(IpsecState.UP);
        assertThat(s.lastMnemonic()).isEqualTo("CRYPTO-5-IKEV2_SESSION_STATUS");
    }

    @Test
    void shouldKeepTheInterfacesTheInventoryAndThePollsName() {
        PeerState heard = machine.apply(null, event(EventKind.IPSEC_SETUP_FAILED, T0, Map.of(
                PeerStateMachine.TUNNEL_INTERFACE_FIELD, "Tunnel232", PeerStateMachine.CRYPTO_ACL_FIELD, "VPN-ACL")));
        PeerState polled = machine.apply(null, sample(T0, 1, 1, 1).withInterfaces("Tunnel9", "GigabitEthernet1"));

        assertThat(heard.tunnelName()).isEqualTo("Tunnel232");
        assertThat(heard.cryptoAcl()).isEqualTo("VPN-ACL");
        assertThat(polled.tunnelName()).isEqualTo("Tunnel9");
        assertThat(polled.sourceInterface()).isEqualTo("GigabitEthernet1");
        assertThat(machine.apply(polled, sample(T0.plusSeconds(60), 1, 1, 1)).sourceInterface())
                .as("a poll that learned nothing keeps what an earlier one learned").isEqualTo("GigabitEthernet1");
    }

    @Test
    void shouldNotLetAPollTakenBeforeASessionDownBringTheSasBack() {
        PeerState down = machine.apply(machine.apply(null, event(EventKind.SESSION_UP, T0)),
                event(EventKind.SESSION_DOWN, T0.plusSeconds(10)));

        PeerState after = machine.apply(down, sample(T0.plusSeconds(9), 1, 100, 100));

        assertThat(after.ipsec().state()).isEqualTo(IpsecState.NO_SA);
        assertThat(after.ike().state()).isEqualTo(IkeState.NO_SA);
        assertThat(machine.apply(down, sample(T0.plusSeconds(11), 1, 100, 100)).ipsec().state())
                .isEqualTo(IpsecState.UP);
    }

    @Test
    void shouldTakeAnActiveIkeSaRowOfAPollAsPhaseOneUp() {
        PeerState down = machine.apply(machine.apply(null, event(EventKind.SESSION_UP, T0)),
                event(EventKind.SESSION_DOWN, T0.plusSeconds(10)));

        PeerState after = machine.apply(down, new io.tunnelwatch.events.CounterSample(
                io.tunnelwatch.events.CounterSample.VERSION, down.device(), down.peer(), T0.plusSeconds(12), true, 0,
                "active", null, null, null));

        assertThat(after.ike().state().isUp()).isTrue();
        assertThat(after.ipsec().state()).isEqualTo(IpsecState.NO_SA);
        assertThat(after.phase()).isEqualTo(PeerPhase.IKE_UP);
    }

    @Test
    void shouldKeepThePhaseAndKnownIkeVersionOnAnUnknownCryptoMessage() {
        PeerState up = machine.apply(null, legacy(EventKind.SESSION_UP, IkeVersion.IKEV2, T0));

        PeerState after = machine.apply(up, legacy(EventKind.CRYPTO_OTHER, IkeVersion.UNKNOWN, T0.plusSeconds(5)));

        assertThat(after.phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(after.phaseSince()).isEqualTo(T0);
        assertThat(after.ikeVersion()).isEqualTo(IkeVersion.IKEV2);
        assertThat(after.lastEventAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void shouldFollowIkev1MainModeStatesWithTheirSinceWhen() {
        PeerState s = machine.apply(null, ikeState("MM_NO_STATE", T0));
        assertThat(s.phase()).isEqualTo(PeerPhase.IKE_NEGOTIATING);

        s = machine.apply(s, ikeState("MM_KEY_EXCH", T0.plusSeconds(2)));
        s = machine.apply(s, ikeState("MM_KEY_EXCH", T0.plusSeconds(4)));
        assertThat(s.ike().state()).isEqualTo(IkeState.MM_KEY_EXCH);
        assertThat(s.ike().since()).isEqualTo(T0.plusSeconds(2));

        s = machine.apply(s, ikeState("QM_IDLE", T0.plusSeconds(5)));
        assertThat(s.phase()).isEqualTo(PeerPhase.IKE_UP);
        assertThat(s.phaseSince()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void shouldReadIkev2StateNamesWithDashes() {
        PeerState s = machine.apply(null, ikeState("INIT-SA", T0));

        assertThat(s.ike().state()).isEqualTo(IkeState.INIT_SA);
        assertThat(s.phase()).isEqualTo(PeerPhase.IKE_NEGOTIATING);
    }

    @Test
    void shouldGoDownOnSessionDownAndIkeSaDown() {
        PeerState up = machine.apply(null, event(EventKind.SESSION_UP, T0));

        PeerState down = machine.apply(up, event(EventKind.IKE_SA_DOWN, T0.plusSeconds(9)));

        assertThat(down.phase()).isEqualTo(PeerPhase.DOWN);
        assertThat(down.ike().state()).isEqualTo(IkeState.NO_SA);
        assertThat(down.ipsec().state()).isEqualTo(IpsecState.NO_SA);
        assertThat(down.upDowns()).containsExactly(new UpDown(T0, true), new UpDown(T0.plusSeconds(9), false));
    }


    /**
     * An outage reported twice, by the syslog SESSION_STATUS DOWN and by the cikeTunnelStop trap, while the router
     * already retransmits MM_NO_STATE: the peer's IKE state must be the same whichever report reached the tracker
     * last (the trap path is often slower), so the diagnosis does not depend on the race.
     */
    @Test
    void shouldReachTheSameIkeStateWhicheverPathReportsTheOutageLast() {
        PeerState up = machine.apply(null, event(EventKind.SESSION_UP, T0));
        TunnelEvent syslogDown = event(EventKind.SESSION_DOWN, T0.plusSeconds(10));
        TunnelEvent retransmitting = ikeState("MM_NO_STATE", T0.plusSeconds(10));
        TunnelEvent trapDown = event(EventKind.IKE_SA_DOWN, T0.plusSeconds(11));

        PeerState trapLast = machine.apply(machine.apply(machine.apply(up, syslogDown), retransmitting), trapDown);
        PeerState trapFirst = machine.apply(machine.apply(machine.apply(up, trapDown), syslogDown), retransmitting);

        assertThat(trapLast.ike().state()).isEqualTo(IkeState.MM_NO_STATE);
        assertThat(trapLast.ike().since()).isEqualTo(T0.plusSeconds(10));
        assertThat(trapFirst.ike().state()).isEqualTo(IkeState.MM_NO_STATE);
        assertThat(trapLast.phase()).isEqualTo(trapFirst.phase()).isEqualTo(PeerPhase.IKE_NEGOTIATING);
        assertThat(trapLast.ipsec().state()).isEqualTo(IpsecState.NO_SA);
    }

    @Test
    void shouldKeepTheTimeAPeerWentDownWhenALateReportOfTheSameOutageArrives() {
        PeerState down = machine.apply(machine.apply(null, event(EventKind.SESSION_UP, T0)),
                event(EventKind.SESSION_DOWN, T0.plusSeconds(10)));

        PeerState again = machine.apply(down, event(EventKind.IKE_SA_DOWN, T0.plusSeconds(14)));

        assertThat(again.ike().state()).isEqualTo(IkeState.NO_SA);
        assertThat(again.ike().since()).isEqualTo(T0.plusSeconds(10));
    }
    @Test
    void shouldPassTrafficOnlyWhenEncapsAndDecapsBothRose() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));

        PeerState oneWay = machine.apply(s, sample(T0.plusSeconds(30), 1, 100, 0));
        assertThat(oneWay.phase()).isEqualTo(PeerPhase.IPSEC_UP);

        PeerState both = machine.apply(oneWay, sample(T0.plusSeconds(60), 1, 100, 90));
        assertThat(both.phase()).isEqualTo(PeerPhase.PASSING_TRAFFIC);
        assertThat(both.lastSample().deltas().outPkts()).isEqualTo(100);
        assertThat(both.recentDeltas()).extracting(CounterDelta::decaps).containsExactly(0L, 90L);
    }

    @Test
    void shouldTakeZeroSaRowsAsNoSa() {
        PeerState up = machine.apply(null, event(EventKind.SESSION_UP, T0));

        PeerState none = machine.apply(up, sample(T0.plusSeconds(30), 0, 0, 0));

        assertThat(none.ipsec().state()).isEqualTo(IpsecState.NO_SA);
        assertThat(none.phase()).isEqualTo(PeerPhase.IKE_UP);
    }

    @Test
    void shouldIgnoreAPollTheDeviceDidNotAnswer() {
        PeerState up = machine.apply(null, event(EventKind.SESSION_UP, T0));
        var unanswered = new io.tunnelwatch.events.CounterSample(1, up.device(), up.peer(), T0.plusSeconds(30), false,
                0, null, null, null, null);

        assertThat(machine.apply(up, unanswered)).isEqualTo(up);
    }

    @Test
    void shouldKeepAnIpsecSaThroughARekeyWhoseOldRowStops() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        s = machine.apply(s, event(EventKind.IKE_SA_EXPIRED, T0.plusSeconds(3600)));
        s = machine.apply(s, event(EventKind.IPSEC_SA_UP, T0.plusSeconds(3601)));
        s = machine.apply(s, event(EventKind.IPSEC_SA_DOWN, T0.plusSeconds(3602)));

        assertThat(s.ipsec().state()).isEqualTo(IpsecState.UP);
        assertThat(s.ipsec().since()).isEqualTo(T0);
        assertThat(s.upDowns()).hasSize(1);
    }

    @Test
    void shouldKeepTheIkeFailureAndTheIpsecFailReasonForTheDiagnosis() {
        PeerState s = machine.apply(null, event(EventKind.IKE_PROPOSAL_REJECTED, T0));
        assertThat(s.ike().state()).isEqualTo(IkeState.IN_NEG);
        assertThat(s.ike().lastFailure()).isEqualTo(EventKind.IKE_PROPOSAL_REJECTED);

        s = machine.apply(s, event(EventKind.IKE_SA_UP, T0.plusSeconds(1)));
        s = machine.apply(s, event(EventKind.IPSEC_SETUP_FAILED, T0.plusSeconds(2),
                Map.of("fail_reason", "transform proposal not acceptable")));
        assertThat(s.ike().lastFailure()).isNull();
        assertThat(s.ipsec().failReason()).isEqualTo("transform proposal not acceptable");
    }

    @Test
    void shouldFollowTheTunnelInterfaceLineProtocol() {
        PeerState s = machine.apply(null, event(EventKind.TUNNEL_INTERFACE_DOWN, T0, Map.of("interface", "Tunnel7")));
        s = machine.apply(s, event(EventKind.TUNNEL_INTERFACE_UP, T0.plusSeconds(5)));

        assertThat(s.tunnel()).isEqualTo(new PeerState.TunnelInterface("Tunnel7", true, T0.plusSeconds(5)));
    }

    @Test
    void shouldKeepOnlyTheLastTwentyEvents() {
        PeerState s = null;
        for (int i = 0; i < 25; i++) {
            s = machine.apply(s, event(EventKind.CRYPTO_OTHER, T0.plusSeconds(i)));
        }

        assertThat(s.recentEvents()).hasSize(PeerState.MAX_EVENTS);
        assertThat(s.recentEvents().get(0).at()).isEqualTo(T0.plusSeconds(5));
    }

    /**
     * Events of one peer reach the tracker in the order the collector published them, which is not always the order
     * it received them in (a trap and a syslog line of the same moment take different listeners).
     */
    @Test
    void shouldKeepTheEvidenceInTimeOrderWhateverOrderItArrivesIn() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        s = machine.apply(s, event(EventKind.SESSION_DOWN, T0.plusSeconds(30)));
        s = machine.apply(s, event(EventKind.CRYPTO_OTHER, T0.plusSeconds(10)));
        s = machine.apply(s, event(EventKind.CRYPTO_OTHER, T0.plusSeconds(30)));
        s = machine.apply(s, event(EventKind.CRYPTO_OTHER, T0.plusSeconds(20)));

        assertThat(s.recentEvents()).extracting(Evidence::at).containsExactly(T0, T0.plusSeconds(10),
                T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(30));
        assertThat(s.recentEvents().get(3).kind()).as("equal times keep their arrival order")
                .isEqualTo(EventKind.SESSION_DOWN.name());
    }

    @Test
    void shouldDropTheOldestEventsWhenAFullListGetsALateOne() {
        PeerState s = null;
        for (int i = 1; i <= PeerState.MAX_EVENTS; i++) {
            s = machine.apply(s, event(EventKind.CRYPTO_OTHER, T0.plusSeconds(i)));
        }

        PeerState late = machine.apply(s, event(EventKind.SESSION_DOWN, T0.plusMillis(1500)));
        PeerState older = machine.apply(s, event(EventKind.SESSION_DOWN, T0));

        assertThat(late.recentEvents()).hasSize(PeerState.MAX_EVENTS).extracting(Evidence::at)
                .startsWith(T0.plusMillis(1500), T0.plusSeconds(2)).isSorted();
        assertThat(older.recentEvents()).as("older than all it keeps").isEqualTo(s.recentEvents());
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void shouldRecordEveryKindAsEvidence(EventKind kind) {
        PeerState s = machine.apply(null, event(kind, T0, Map.of("state", "READY")));

        assertThat(s.recentEvents()).extracting(Evidence::kind).containsExactly(kind.name());
        assertThat(s.lastEventAt()).isEqualTo(T0);
    }

    private static TunnelEvent legacy(EventKind kind, IkeVersion version, Instant at) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, "rtr", "198.51.100.7", version,
                "CRYPTO-5-IKEV2_SESSION_STATUS", 5, Map.of(), null, at, "192.0.2.1", "tcp", "text");
    }

    @Test
    void shouldKeepTheLastPhaseChangesOnTheTimelineWithoutPushingOutTheAlerts() {
        PeerState.Builder b = PeerState.unknown(PEER.device(), PEER.peer()).toBuilder()
                .milestone(new Milestone(T0, Milestone.Kind.OPENED, "TunnelFlapping", "flaps", List.of()));
        for (int i = 1; i <= 2 * PeerState.MAX_PHASE_CHANGES; i++) {
            b.phase(i % 2 == 0 ? PeerPhase.PASSING_TRAFFIC : PeerPhase.DOWN, T0.plusSeconds(i));
        }

        PeerState s = b.build();

        assertThat(s.milestones()).hasSize(PeerState.MAX_PHASE_CHANGES + 1);
        assertThat(s.milestones().get(0).name()).isEqualTo("TunnelFlapping");
        assertThat(s.milestones().get(s.milestones().size() - 1).at()).isEqualTo(T0.plusSeconds(2L
                * PeerState.MAX_PHASE_CHANGES));
        assertThat(b.phase(PeerPhase.PASSING_TRAFFIC, T0.plusSeconds(999)).build().milestones())
                .as("no change, no entry").hasSize(PeerState.MAX_PHASE_CHANGES + 1);
        for (int i = 0; i < PeerState.MAX_ALERT_STEPS; i++) {
            b.milestone(new Milestone(T0.plusSeconds(1000 + i), Milestone.Kind.RESOLVED, "A" + i, null, null));
        }
        assertThat(b.build().milestones()).hasSize(PeerState.MAX_PHASE_CHANGES + PeerState.MAX_ALERT_STEPS)
                .extracting(Milestone::name).doesNotContain("TunnelFlapping");
    }

    @Test
    void shouldKeepEachRoutingAdjacencyWithItsLastStateAndWhenItEnteredIt() {
        PeerStateMachine m = new PeerStateMachine();
        Map<String, String> ospf = Map.of("protocol", "ospf", "neighbor", "3.3.3.3", "interface", "Tunnel0",
                "reason", "Neighbor Down: Dead timer expired");
        PeerState s = m.apply(null, event(EventKind.ROUTING_ADJACENCY_DOWN, T0, ospf));
        s = m.apply(s, event(EventKind.ROUTING_ADJACENCY_DOWN, T0.plusSeconds(30), ospf));
        s = m.apply(s, event(EventKind.ROUTING_ADJACENCY_DOWN, T0.plusSeconds(40),
                Map.of("protocol", "bgp", "neighbor", "169.254.22.6")));
        s = m.apply(s, event(EventKind.ROUTING_ADJACENCY_UP, T0.plusSeconds(50),
                Map.of("protocol", "bgp", "neighbor", "169.254.22.6", "reason", "Up")));

        assertThat(s.adjacencies()).containsExactly(
                new RoutingAdjacency("ospf", "3.3.3.3", "Tunnel0", false, T0, "Neighbor Down: Dead timer expired"),
                new RoutingAdjacency("bgp", "169.254.22.6", null, true, T0.plusSeconds(50), "Up"));
        for (int i = 0; i < PeerState.MAX_ADJACENCIES + 3; i++) {
            s = m.apply(s, event(EventKind.ROUTING_ADJACENCY_UP, T0.plusSeconds(60 + i),
                    Map.of("protocol", "bgp", "neighbor", "10.0.0." + i)));
        }
        assertThat(s.adjacencies()).hasSize(PeerState.MAX_ADJACENCIES)
                .noneMatch(a -> "3.3.3.3".equals(a.neighbor()));
    }

    @Test
    void shouldTakeADmvpnCryptoSocketForTheIpsecSaAndRecursiveRoutingForTheTunnelGoingDown() {
        PeerStateMachine m = new PeerStateMachine();
        PeerState up = m.apply(null, event(EventKind.CRYPTO_SOCKET_UP, T0, Map.of("interface", "Tunnel0")));
        PeerState down = m.apply(up, event(EventKind.CRYPTO_SOCKET_DOWN, T0.plusSeconds(5)));
        PeerState recursive = m.apply(up, event(EventKind.TUNNEL_RECURSIVE_ROUTING, T0.plusSeconds(5),
                Map.of("interface", "Tunnel0")));

        assertThat(up.ipsec().state()).isEqualTo(IpsecState.UP);
        assertThat(up.ike().state().isUp()).as("an IPsec SA implies IKE").isTrue();
        assertThat(down.ipsec().state()).isEqualTo(IpsecState.NO_SA);
        assertThat(recursive.tunnel()).isEqualTo(new PeerState.TunnelInterface("Tunnel0", false, T0.plusSeconds(5)));
    }

    /** What a message implies about the phases below it, for a peer seen first through that message. */
    @ParameterizedTest
    @CsvSource({
        "IPSEC_SETUP_FAILED, IKE_UP", "PROXY_IDENTITIES_REJECTED, IKE_UP",
        "INVALID_SPI, IKE_UP", "REPLAY_ERROR, IKE_UP", "AUTH_ERROR, IKE_UP",
        "IKE_PROPOSAL_REJECTED, IKE_NEGOTIATING", "IKE_AUTH_FAILED, IKE_NEGOTIATING",
        "IKE_BAD_MESSAGE, IKE_NEGOTIATING", "IKE_MODE_FAILURE, IKE_NEGOTIATING", "IKE_NOT_ENCRYPTED, IKE_NEGOTIATING"})
    void shouldGiveTheFirstMessageOfAPeerThePhaseItImplies(EventKind kind, PeerPhase implied) {
        assertThat(machine.apply(null, event(kind, T0)).phase()).isEqualTo(implied);
    }

    @Test
    void shouldKeepASessionReportedDownWhenAnInvalidSpiFollows() {
        PeerState down = machine.apply(null, event(EventKind.SESSION_DOWN, T0));

        assertThat(machine.apply(down, event(EventKind.INVALID_SPI, T0.plusSeconds(1))).phase())
                .isEqualTo(PeerPhase.DOWN);
        assertThat(machine.apply(down, event(EventKind.IPSEC_SETUP_FAILED, T0.plusSeconds(1))).phase())
                .as("the session down is the router's word, whichever path was faster")
                .isEqualTo(PeerPhase.DOWN);
    }
}
