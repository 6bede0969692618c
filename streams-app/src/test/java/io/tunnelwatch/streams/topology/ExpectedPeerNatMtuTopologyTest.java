package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.ikeState;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExpectedPeerMissing, NatExemptionMissing and MtuSuspected through the whole topology (docs/runbook.md#underlay-layer,
 * "Layer 6", "MTU"): the signals open the alert with its layer, cause and filled commands; the repair resolves it;
 * healthy look-alikes raise nothing.
 */
class ExpectedPeerNatMtuTopologyTest {

    private static final Map<String, String> CRYPTO_MAP_OVER_NAT_T = Map.of("nat_t", "true",
            "crypto_acl", "VPN-TO-BRANCH7", "source_interface", "GigabitEthernet0/0/0");

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

    @Test
    void shouldOpenExpectedPeerMissingAfterFiveMinutesOfEmptyPollsAndResolveWhenTheSaAppears() {
        for (int minute = 0; minute <= 4; minute++) {
            tw.pipe(sample(T0.plusSeconds(60L * minute), 0, 0, 0));
        }
        tw.advance(Duration.ofSeconds(299));
        assertThat(tw.alerts()).isEmpty();

        tw.advance(Duration.ofSeconds(2));
        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("ExpectedPeerMissing");
        assertThat(opened.layer()).isEqualTo("UNDERLAY");
        assertThat(opened.cause()).contains("expects 198.51.100.7");
        assertThat(opened.evidence()).anyMatch(l -> l.contains("0 IPsec SA rows"));
        assertThat(opened.commands()).contains("ping 198.51.100.7").noneMatch(c -> c.contains("<"));

        tw.pipe(sample(T0.plusSeconds(330), 1, 10, 10));
        tw.advance(Duration.ofSeconds(90));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldOpenNatExemptionMissingWithTheNatCommandsAndResolveOnceTrafficEncrypts() {
        // %CRYPTO-5-SESSION_STATUS is an IKEv1 router's line, so the alert gives the isakmp commands
        tw.pipe(event(EventKind.SESSION_UP, IkeVersion.IKEV1, T0, CRYPTO_MAP_OVER_NAT_T, "session_up text"));
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 0, 40));
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("NatExemptionMissing");
        assertThat(opened.layer()).isEqualTo("NAT_T");
        assertThat(opened.cause()).contains("no NAT exemption");
        assertThat(opened.evidence()).contains("NAT-T in use (UDP 4500), crypto ACL VPN-TO-BRANCH7");
        assertThat(opened.commands()).contains("show ip nat translations", "show running-config | section ip nat",
                "show crypto isakmp sa detail | include NAT");

        tw.pipe(sample(T0.plusSeconds(120), 1, 40, 40));
        tw.advance(Duration.ofSeconds(181));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldOpenMtuSuspectedWithThePingCommandsAndResolveWhenDropsStop() {
        tw.pipe(event(EventKind.SESSION_UP, T0, Map.of("source_interface", "GigabitEthernet0/0/0")));
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 100, 100, 0, 7));
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("MtuSuspected");
        assertThat(opened.layer()).isEqualTo("MTU");
        assertThat(opened.commands()).contains("ping 198.51.100.7 size 1400 df-bit source GigabitEthernet0/0/0")
                .noneMatch(c -> c.contains("<destination>"));

        for (int i = 4; i <= 5; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 100, 100, 0, 0));
        }
        tw.advance(Duration.ofSeconds(211));
        assertThat(single(tw.alerts()).action()).isEqualTo(AlertRecord.Action.RESOLVED);
    }

    @Test
    void shouldGiveMtuSuspectedThePacketSizesAndTheDropsByDirectionAndThePathMtuPings() {
        tw.pipe(event(EventKind.SESSION_UP, T0, Map.of("source_interface", "GigabitEthernet0/0/0")));
        for (int i = 1; i <= 3; i++) {
            // 200 packets out of 1450 B on average, 30 of them dropped on the way out; small packets come back.
            CounterSample.Counters d = new CounterSample.Counters(200, 200, 200 * 90, 200 * 1450, 0, 30, 1, 0, 0, 0);
            tw.pipe(new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(), T0.plusSeconds(30L * i),
                    true, 1, null, null, d, d));
        }

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("MtuSuspected");
        assertThat(opened.cause()).startsWith("packets towards the peer are dropped");
        assertThat(opened.evidence()).contains(
                "average packet size over the last 3 polls: out 1450 B (encaps +600), in 90 B (decaps +600); with up"
                        + " to 70 B of ESP overhead, packets over 1430 B exceed a 1500 B path (the average already"
                        + " does)",
                "dropped over the last 3 polls: out +90, in +0; anti-replay +3 (fragments reassembled at process"
                        + " level arrive late)");
        assertThat(opened.commands()).contains(
                "show crypto ipsec sa peer 198.51.100.7 | include mtu|pkts|errors",
                "ping 198.51.100.7 size 1500 df-bit source GigabitEthernet0/0/0",
                "ping 198.51.100.7 size 1400 df-bit source GigabitEthernet0/0/0",
                "show ip traffic | include Frags|fragment");
    }

    @Test
    void shouldRaiseNothingForACryptoMapPeerOverNatTPassingTrafficWithAStrayDrop() {
        tw.pipe(event(EventKind.SESSION_UP, T0, CRYPTO_MAP_OVER_NAT_T));
        for (int i = 1; i <= 10; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 50, 50, i == 4 ? 3 : 0, i == 7 ? 1 : 0));
        }
        tw.advance(Duration.ofHours(1));

        assertThat(tw.alerts()).isEmpty();
    }

    @Test
    void shouldRaiseNothingForAnExpectedPeerThatComesUpWithinFiveMinutes() {
        tw.pipe(sample(T0, 0, 0, 0));
        tw.pipe(sample(T0.plusSeconds(120), 0, 0, 0));
        tw.pipe(sample(T0.plusSeconds(240), 1, 0, 0));
        tw.advance(Duration.ofHours(1));

        assertThat(tw.alerts()).isEmpty();
    }

    @Test
    void shouldRaiseNothingWhenIkeIsUpAndTheIpsecStateWasNeverSeen() {
        tw.pipe(ikeState("READY", T0));
        tw.pipe(event(EventKind.IKE_SA_UP, T0.plusSeconds(1)));
        tw.advance(Duration.ofHours(1));

        assertThat(tw.alerts()).isEmpty();
    }

    private static AlertRecord single(List<AlertRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
