package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.ikeState;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static io.tunnelwatch.streams.PeerFixtures.sourced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per runbook failure (docs/runbook.md): the signals it produces open the alert; the repair resolves it. */
class RunbookFailuresTopologyTest {

    @TempDir
    Path stateDir;

    private AlertTopologyDriver tw;

    @BeforeEach
    void start() {
        tw = new AlertTopologyDriver(stateDir, T0, PeerStateListener.NONE);
    }

    @AfterEach
    void stop() {
        tw.close();
    }

    /** RECVD_PKT_INV_SPI from the peer, as the router at 192.0.2.1 logs it. */
    private static TunnelEvent invalidSpi(Instant at) {
        return sourced(at, "invalid-spi", "self", "192.0.2.1", "spi_hex", "B390DB6", "spi", 188288438,
                "interface", "GigabitEthernet1");
    }

    @Test
    void shouldOpenPeerUnreachableWhenTheSessionStaysDownAMinuteThenResolveAfterItComesBack() {
        tw.pipe(sourced(T0, Map.of("source_interface", "GigabitEthernet0/0/0"), "session-down-v2", "port", 500));
        tw.advance(Duration.ofSeconds(59));
        assertThat(tw.alerts()).isEmpty();

        tw.advance(Duration.ofSeconds(2));
        AlertRecord opened = single(tw.alerts());
        assertThat(opened.action()).isEqualTo(AlertRecord.Action.OPENED);
        assertThat(opened.alert()).isEqualTo("PeerUnreachable");
        assertThat(opened.layer()).isEqualTo(Layer.UNDERLAY.name());
        assertThat(opened.severity()).isEqualTo("critical");
        assertThat(opened.cause()).contains("went down and did not come back");
        assertThat(opened.evidence()).anyMatch(l -> l.contains("Crypto tunnel v2 is DOWN"));
        assertThat(opened.commands()).contains("ping 198.51.100.7 source GigabitEthernet0/0/0");

        tw.pipe(sourced(T0.plusSeconds(90), "session-up-v2", "port", 500));
        tw.advance(Duration.ofSeconds(88));
        assertThat(tw.alerts()).as("hysteresis: not yet 60 s without the condition").isEmpty();
        tw.advance(Duration.ofSeconds(2));
        AlertRecord resolved = single(tw.alerts());
        assertThat(resolved.action()).isEqualTo(AlertRecord.Action.RESOLVED);
        assertThat(resolved.id()).isEqualTo(opened.id());
    }

    @Test
    void shouldNameAProposalMismatchWhenMainModeHangsAfterAttributesWereRefused() {
        tw.pipe(ikeV1(EventKind.IKE_STATE, Map.of("state", "MM_SA_SETUP"), T0));
        tw.pipe(ikeV1(EventKind.IKE_PROPOSAL_REJECTED, Map.of(), T0.plusSeconds(1)));
        tw.advance(Duration.ofSeconds(61));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IkeNegotiationStuck");
        assertThat(opened.layer()).isEqualTo("IKE");
        assertThat(opened.cause()).startsWith("proposal mismatch");
        assertThat(opened.commands()).contains("show crypto isakmp policy", "undebug all");

        tw.pipe(ikeV1(EventKind.IKE_STATE, Map.of("state", "QM_IDLE"), T0.plusSeconds(70)));
        tw.pipe(ikeV1(EventKind.SESSION_UP, Map.of(), T0.plusSeconds(71)));
        tw.advance(Duration.ofSeconds(75));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldCallAPeerThatRefusesTheProposalInMmNoStateIkeNegotiationStuckNotUnreachable() {
        // IOS stays in MM_NO_STATE when the responder refuses the policy
        // (docs/cisco-sources.md#ike-and-ipsec-syslog-messages IKMP_MODE_FAILURE)
        tw.pipe(ikeV1(EventKind.SESSION_DOWN, Map.of(), T0));
        for (int minute = 0; minute < 3; minute++) {
            Instant at = T0.plusSeconds(1 + 60L * minute);
            tw.pipe(ikeV1(EventKind.IKE_STATE, Map.of("state", "MM_NO_STATE"), at));
            tw.pipe(ikeV1(EventKind.IKE_PROPOSAL_REJECTED, Map.of(), at.plusMillis(10)));
            tw.pipe(ikeV1(EventKind.IKE_MODE_FAILURE, Map.of(), at.plusMillis(20)));
            tw.advance(Duration.ofSeconds(60));
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IkeNegotiationStuck");
        assertThat(opened.layer()).isEqualTo("IKE");
        assertThat(opened.cause()).startsWith("proposal mismatch");
        assertThat(opened.commands()).contains("show crypto isakmp policy");
    }

    @Test
    void shouldCallMmNoStateWithoutAnyAnswerPeerUnreachableOnceTheRefusalsAreOlderThanTheWindow() {
        tw.pipe(ikeState("MM_NO_STATE", T0));
        tw.pipe(event(EventKind.IKE_PROPOSAL_REJECTED, T0.plusSeconds(1)));
        tw.advance(Duration.ofSeconds(61));
        assertThat(single(tw.alerts()).alert()).isEqualTo("IkeNegotiationStuck");

        tw.advance(Duration.ofSeconds(250));
        assertThat(tw.alerts()).extracting(AlertRecord::action, AlertRecord::alert).containsExactly(
                tuple(AlertRecord.Action.RESOLVED, "IkeNegotiationStuck"),
                tuple(AlertRecord.Action.OPENED, "PeerUnreachable"));
    }

    @Test
    void shouldGiveTheFarEndOfAPhaseTwoMismatchIpsecNegotiationFailedWhileItsIkeSaRowStaysActive() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(event(EventKind.SESSION_DOWN, T0.plusSeconds(10)));
        for (int poll = 1; poll <= 4; poll++) {
            tw.pipe(new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(),
                    T0.plusSeconds(10L + 30 * poll), true, 0, "active", null, CounterSample.Counters.ZERO,
                    CounterSample.Counters.ZERO));
            tw.advance(Duration.ofSeconds(30));
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IpsecNegotiationFailed");
        assertThat(opened.layer()).isEqualTo("IPSEC");
    }

    @Test
    void shouldOpenInvalidSpiRatherThanDecapsStalledWhenTheStallComesWithUnknownSpiPackets() {
        tw.pipe(sourced(T0, "session-up-v2", "port", 500));
        tw.pipe(sample(T0.plusSeconds(30), 1, 100, 100));
        tw.pipe(invalidSpi(T0.plusSeconds(40)));
        tw.pipe(sample(T0.plusSeconds(60), 1, 100, 0));
        tw.pipe(sample(T0.plusSeconds(90), 1, 100, 0));
        tw.pipe(invalidSpi(T0.plusSeconds(100)));
        tw.pipe(sample(T0.plusSeconds(120), 1, 100, 0));

        List<AlertRecord> records = tw.alerts();
        assertThat(records).extracting(AlertRecord::alert).containsOnly("InvalidSpi");
        assertThat(records.get(0).action()).isEqualTo(AlertRecord.Action.OPENED);
        assertThat(records.get(records.size() - 1).related()).contains("DecapsStalled");
    }

    @Test
    void shouldNameAuthenticationWhenKeyExchangeHangsAfterASanityCheckFailure() {
        tw.pipe(ikeState("MM_KEY_EXCH", T0));
        tw.pipe(sourced(T0.plusSeconds(2), "ikmp-bad-message"));
        tw.advance(Duration.ofSeconds(61));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IkeNegotiationStuck");
        assertThat(opened.cause()).startsWith("authentication failed: pre-shared key");
    }

    @Test
    void shouldOpenIpsecNegotiationFailedOnAnIpsecProposalFailureWithTheAclFilled() {
        tw.pipe(event(EventKind.IKE_SA_UP, T0, Map.of("crypto_acl", "VPN-TO-BRANCH7")));
        tw.pipe(sourced(T0.plusSeconds(1), "ipsec-proposal-failure", "self", "192.0.2.1", "profile", "BRANCH7",
                "count", 1));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IpsecNegotiationFailed");
        assertThat(opened.layer()).isEqualTo("IPSEC");
        assertThat(opened.cause()).startsWith("IPsec proposal failure: compare transform sets and PFS groups")
                .endsWith("(router said: IPSec Proposal failure)");
        assertThat(opened.commands()).contains("show ip access-lists VPN-TO-BRANCH7",
                "show crypto ipsec sa peer 198.51.100.7");

        tw.pipe(sourced(T0.plusSeconds(30), "session-up-v2", "port", 500));
        tw.pipe(sample(T0.plusSeconds(91), 1, 10, 10));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldOpenIpsecNegotiationFailedWhenIkeIsUpAMinuteWithoutAnSa() {
        tw.pipe(event(EventKind.IKE_SA_UP, T0));
        tw.pipe(sample(T0.plusSeconds(30), 0, 0, 0));
        tw.advance(Duration.ofSeconds(61));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IpsecNegotiationFailed");
        assertThat(opened.cause()).startsWith("no reason given");
    }

    @Test
    void shouldOpenDecapsStalledOnTheThirdOneWaySampleOnlyAndResolveWhenTrafficReturns() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(sample(T0.plusSeconds(30), 1, 100, 0));
        tw.pipe(sample(T0.plusSeconds(60), 1, 100, 0));
        assertThat(tw.alerts()).isEmpty();

        tw.pipe(sample(T0.plusSeconds(90), 1, 100, 0));
        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("DecapsStalled");
        assertThat(opened.layer()).isEqualTo("TRAFFIC");
        assertThat(opened.evidence()).filteredOn(l -> l.contains("encaps +100 decaps +0")).hasSize(3);
        assertThat(opened.commands()).contains("show crypto ipsec sa peer 198.51.100.7 | include pkts");

        tw.pipe(sample(T0.plusSeconds(120), 1, 100, 80));
        tw.pipe(sample(T0.plusSeconds(150), 1, 100, 80));
        assertThat(tw.alerts()).isEmpty();
        tw.pipe(sample(T0.plusSeconds(180), 1, 100, 80));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldOpenEncapsStalledWhenOnlyDecapsRise() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 0, 70));
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("EncapsStalled");
        assertThat(opened.layer()).isEqualTo("ROUTING");
        assertThat(opened.commands()).contains("show ip access-lists");
    }

    @Test
    void shouldOpenCryptoErrorsWhenReplayDropsRise() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(sample(T0.plusSeconds(30), 1, 100, 100, 12, 0));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("CryptoErrors");
        assertThat(opened.cause()).startsWith("anti-replay drops");
        assertThat(opened.evidence()).anyMatch(l -> l.contains("replay +12"));
    }

    @Test
    void shouldOpenInvalidSpiOnTheMessageAndResolveWhenItStopsForTheWindow() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(event(EventKind.INVALID_SPI, T0.plusSeconds(10)));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("InvalidSpi");
        assertThat(opened.cause()).contains("out of sync after a rekey");

        tw.advance(Duration.ofMinutes(5).plusSeconds(12));
        assertThat(tw.alerts()).isEmpty();
        tw.advance(Duration.ofSeconds(60));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldOpenInvalidSpiOnTheMessageItselfWhenItsTimeIsFinerThanTheRecordTimestamp() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(event(EventKind.INVALID_SPI, T0.plusSeconds(10).plusNanos(123_456)));

        assertThat(single(tw.alerts()).alert()).isEqualTo("InvalidSpi");
    }

    @Test
    void shouldOpenCleartextReceivedOnRecvdPktNotIpsec() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(event(EventKind.CLEARTEXT_RECEIVED, T0.plusSeconds(10)));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("CleartextReceived");
        assertThat(opened.layer()).isEqualTo("ROUTING");
    }

    @Test
    void shouldOpenTunnelInterfaceDownWithTheTunnelNumberFilled() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(event(EventKind.TUNNEL_INTERFACE_DOWN, T0.plusSeconds(5), Map.of("interface", "Tunnel7")));
        tw.advance(Duration.ofSeconds(66));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("TunnelInterfaceDown");
        assertThat(opened.commands()).contains("show interface tunnel 7", "show ip route 198.51.100.7");

        tw.pipe(event(EventKind.TUNNEL_INTERFACE_UP, T0.plusSeconds(80)));
        tw.advance(Duration.ofSeconds(73));
        assertThat(tw.alerts()).as("hysteresis until 80 s + 60 s").isEmpty();
        tw.advance(Duration.ofSeconds(2));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldOpenTunnelFlappingAfterTheFourthCycleInTenMinutes() {
        Instant t = T0;
        for (int cycle = 1; cycle <= 4; cycle++) {
            tw.pipe(event(EventKind.SESSION_UP, t));
            tw.pipe(event(EventKind.SESSION_DOWN, t.plusSeconds(20)));
            tw.pipe(event(EventKind.SESSION_UP, t.plusSeconds(40)));
            t = t.plusSeconds(60);
            if (cycle == 3) {
                assertThat(tw.alerts()).isEmpty();
            }
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("TunnelFlapping");
        assertThat(opened.cause()).startsWith("4 down/up cycles");
    }

    @Test
    void shouldOpenOnlyTheLowestLayerAndOpenTheHigherOneWhenTheLowerHeals() {
        tw.pipe(event(EventKind.TUNNEL_INTERFACE_DOWN, T0, Map.of("interface", "Tunnel7")));
        tw.pipe(ikeState("IN-NEG", T0));
        tw.advance(Duration.ofSeconds(61));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("IkeNegotiationStuck");
        assertThat(opened.related()).containsExactly("TunnelInterfaceDown");
        assertThat(opened.evidence()).anyMatch(l -> l.startsWith("also TunnelInterfaceDown (ROUTING)"));

        tw.pipe(ikeState("READY", T0.plusSeconds(70)));
        tw.pipe(event(EventKind.SESSION_UP, T0.plusSeconds(70)));
        tw.advance(Duration.ofSeconds(70));

        List<AlertRecord> next = tw.alerts();
        assertThat(next).extracting(AlertRecord::action, AlertRecord::alert).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertRecord.Action.RESOLVED, "IkeNegotiationStuck"),
                org.assertj.core.groups.Tuple.tuple(AlertRecord.Action.OPENED, "TunnelInterfaceDown"));
    }

    private static AlertRecord single(List<AlertRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    /** An event of an IKEv1 router: ISAKMP states and refusals are IKEv1 texts, so its commands are the isakmp ones. */
    private static TunnelEvent ikeV1(EventKind kind, Map<String, String> fields, Instant at) {
        return event(kind, IkeVersion.IKEV1, at, fields, kind.name().toLowerCase() + " text");
    }
}
