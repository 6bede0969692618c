package io.tunnelwatch.streams.detect;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.ikeState;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import io.tunnelwatch.streams.verdict.Finding;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ExpectedPeerMissing, NatExemptionMissing, MtuSuspected, the CryptoErrors threshold and IPsec evidence, pure. */
class EvidenceRequiringDetectorsTest {

    private final DetectorSettings settings = DetectorSettings.defaults();
    private final PeerStateMachine machine = new PeerStateMachine();

    @Test
    void expectedPeerMissingShouldWaitFiveMinutesOfEmptyPollsAndNameTheStart() {
        PeerState s = machine.apply(null, sample(T0, 0, 0, 0));
        s = machine.apply(s, sample(T0.plusSeconds(240), 0, 0, 0));
        var detector = new ExpectedPeerMissingDetector(settings);

        assertThat(detector.detect(s, T0.plusSeconds(299))).isEmpty();
        assertThat(detector.nextCheck(s, T0.plusSeconds(299))).contains(T0.plusSeconds(300));
        assertThat(detector.detect(s, T0.plusSeconds(300))).map(Finding::cause).get().asString()
                .contains("expects 198.51.100.7").contains("since " + T0);
    }

    @Test
    void expectedPeerMissingShouldStayQuietWhileANegotiationIsVisible() {
        PeerState s = machine.apply(null, sample(T0, 0, 0, 0));
        s = machine.apply(s, event(EventKind.IKE_RETRANSMIT, T0.plusSeconds(10)));
        s = machine.apply(s, sample(T0.plusSeconds(330), 0, 0, 0));

        assertThat(new ExpectedPeerMissingDetector(settings).detect(s, T0.plusSeconds(400))).isEmpty();
    }

    @Test
    void expectedPeerMissingShouldStayQuietWhenTheDeviceDidNotAnswer() {
        PeerState s = machine.apply(null, sample(T0, 0, 0, 0));
        s = machine.apply(s, unanswered(sample(T0.plusSeconds(330), 0, 0, 0)));

        // The unanswered poll leaves the state alone: the last answered poll still says "no SA".
        assertThat(new ExpectedPeerMissingDetector(settings).detect(s, T0.plusSeconds(330))).isPresent();
        PeerState healthy = machine.apply(s, sample(T0.plusSeconds(360), 1, 5, 5));
        assertThat(new ExpectedPeerMissingDetector(settings).detect(healthy, T0.plusSeconds(999))).isEmpty();
    }

    @Test
    void natExemptionShouldNeedACryptoMapPeerOverNatTWhoseTrafficNeverEncrypts() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0,
                Map.of("nat_t", "true", "crypto_acl", "VPN-TO-BRANCH7")));
        for (int i = 1; i <= 3; i++) {
            s = machine.apply(s, sample(T0.plusSeconds(30L * i), 1, 0, 40));
        }

        assertThat(new NatExemptionMissingDetector(settings).detect(s, T0.plusSeconds(90)))
                .map(Finding::cause).contains(NatExemptionMissingDetector.CAUSE);
        assertThat(new EncapsStalledDetector(settings).detect(s, T0.plusSeconds(90)))
                .as("EncapsStalled steps aside for the more specific cause").isEmpty();
    }

    @Test
    void natExemptionShouldLeaveAnSviPeerWithoutNatTToEncapsStalled() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        s = machine.apply(s, event(EventKind.TUNNEL_INTERFACE_UP, T0, Map.of("interface", "Tunnel7")));
        for (int i = 1; i <= 3; i++) {
            s = machine.apply(s, sample(T0.plusSeconds(30L * i), 1, 0, 40));
        }

        assertThat(new NatExemptionMissingDetector(settings).detect(s, T0.plusSeconds(90))).isEmpty();
        assertThat(new EncapsStalledDetector(settings).detect(s, T0.plusSeconds(90))).isPresent();
    }

    @Test
    void natExemptionShouldReadClearTextMessagesAsTheTrafficThatFlows() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0, Map.of("nat_t", "true")));
        for (int i = 1; i <= 3; i++) {
            s = machine.apply(s, sample(T0.plusSeconds(30L * i), 1, 0, 0));
        }
        s = machine.apply(s, event(EventKind.CLEARTEXT_RECEIVED, T0.plusSeconds(95)));

        assertThat(new NatExemptionMissingDetector(settings).detect(s, T0.plusSeconds(95))).isPresent();
        assertThat(RecentMessageDetector.cleartextReceived(settings).detect(s, T0.plusSeconds(95))).isEmpty();
    }

    @Test
    void mtuShouldNeedDropsInTwoOfThreePollsWhileTrafficPassesBothWays() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        s = machine.apply(s, sample(T0.plusSeconds(30), 1, 100, 100, 0, 4));
        s = machine.apply(s, sample(T0.plusSeconds(60), 1, 100, 100, 0, 0));
        var detector = new MtuSuspectedDetector(settings);
        assertThat(detector.detect(s, T0.plusSeconds(60))).isEmpty();

        s = machine.apply(s, sample(T0.plusSeconds(90), 1, 100, 100, 2, 0));
        assertThat(detector.detect(s, T0.plusSeconds(90))).map(Finding::cause).contains(MtuSuspectedDetector.CAUSE_IN);
    }

    @Test
    void mtuShouldNotBlameAOneWayTunnel() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 3; i++) {
            s = machine.apply(s, sample(T0.plusSeconds(30L * i), 1, 100, 0, 0, 9));
        }

        assertThat(new MtuSuspectedDetector(settings).detect(s, T0.plusSeconds(90))).isEmpty();
    }

    @Test
    void cryptoErrorsShouldIgnoreAFewReplayDropsAndOpenAboveTheThreshold() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        var detector = new CryptoErrorsDetector(settings);

        PeerState few = machine.apply(s, sample(T0.plusSeconds(30), 1, 100, 100, settings.cryptoErrorsPerPoll(), 0));
        assertThat(detector.detect(few, T0.plusSeconds(30))).isEmpty();
        PeerState many = machine.apply(s, sample(T0.plusSeconds(30), 1, 100, 100,
                settings.cryptoErrorsPerPoll() + 1, 0));
        assertThat(detector.detect(many, T0.plusSeconds(30))).isPresent();
    }

    @Test
    void ipsecFailedShouldNotAccuseAPeerWhoseIpsecStateWasNeverSeen() {
        PeerState s = machine.apply(null, ikeState("READY", T0));
        var detector = new IpsecNegotiationFailedDetector(settings);

        assertThat(detector.detect(s, T0.plusSeconds(3600))).isEmpty();
        assertThat(detector.nextCheck(s, T0)).isEmpty();
        PeerState polled = machine.apply(s, sample(T0.plusSeconds(10), 0, 0, 0));
        assertThat(detector.nextCheck(polled, T0.plusSeconds(10))).contains(T0.plusSeconds(60));
        assertThat(detector.detect(polled, T0.plusSeconds(60))).isPresent();
    }

    private static io.tunnelwatch.events.CounterSample unanswered(io.tunnelwatch.events.CounterSample s) {
        return new io.tunnelwatch.events.CounterSample(s.v(), s.device(), s.peer(), s.polledAt(), false, 0, null,
                null, null, null);
    }
}
