package io.tunnelwatch.streams.detect;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.ikeState;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static io.tunnelwatch.streams.PeerFixtures.sourced;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detectors as pure classes: state + moment in, finding out. */
class DetectorsTest {

    private final DetectorSettings settings = DetectorSettings.defaults();
    private final PeerStateMachine machine = new PeerStateMachine();

    @Test
    void peerUnreachableShouldWaitTheFullMinuteInMmNoStateAndTellWhenToLookAgain() {
        PeerState s = machine.apply(null, ikeState("MM_NO_STATE", T0));
        var detector = new PeerUnreachableDetector(settings);

        assertThat(detector.detect(s, T0.plusSeconds(59))).isEmpty();
        assertThat(detector.nextCheck(s, T0.plusSeconds(59))).contains(T0.plusSeconds(60));
        assertThat(detector.detect(s, T0.plusSeconds(60))).map(Finding::cause).get().asString()
                .contains("no answer to IKE").contains("MM_NO_STATE");
    }

    @Test
    void peerUnreachableShouldStaySilentWhilePhaseOneIsUp() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));

        assertThat(new PeerUnreachableDetector(settings).detect(s, T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void peerUnreachableShouldLeaveASessionDownWithRecentPhaseTwoFailuresToIpsecNegotiationFailed() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0.minusSeconds(600)));
        s = machine.apply(s, event(EventKind.SESSION_DOWN, T0));
        s = machine.apply(s, sourced(T0.minusMillis(5), "ipsec-proposal-failure", "self", "192.0.2.1", "profile",
                "BRANCH7", "count", 1));
        var unreachable = new PeerUnreachableDetector(settings);
        var ipsec = new IpsecNegotiationFailedDetector(settings);

        assertThat(unreachable.detect(s, T0.plusSeconds(60))).isEmpty();
        assertThat(ipsec.detect(s, T0.plusSeconds(60))).isPresent();
        Instant failuresStopped = T0.plus(settings.messageWindow());
        assertThat(unreachable.detect(s, failuresStopped)).map(Finding::cause).get().asString()
                .contains("did not come back");
    }

    @Test
    void ikeStuckShouldLeaveAwaitingFirstAnswerToTheUnderlay() {
        PeerState s = machine.apply(null, ikeState("INIT-SA", T0));

        assertThat(new IkeNegotiationStuckDetector(settings).detect(s, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void ipsecFailedShouldReadThePublishedProposalFailureReasonAsTransformSetOrPfs() {
        PeerState s = machine.apply(null, event(EventKind.IKE_SA_UP, T0));
        PeerState failed = machine.apply(s, sourced(T0, "ipsec-proposal-failure", "self", "192.0.2.1", "profile",
                "BRANCH7", "count", 1));

        assertThat(new IpsecNegotiationFailedDetector(settings).detect(failed, T0)).map(Finding::cause).get()
                .asString().startsWith(IpsecNegotiationFailedDetector.PROPOSAL).contains("IPSec Proposal failure");
    }

    @Test
    void ipsecFailedShouldReadAnIkev1QuickModeFailureAsARefusedPhaseTwoProposal() {
        PeerState s = machine.apply(null, event(EventKind.IKE_SA_UP, T0));
        PeerState failed = machine.apply(s, sourced(T0, "ikmp-quick-mode-failure"));

        assertThat(new IpsecNegotiationFailedDetector(settings).detect(failed, T0)).map(Finding::cause).get()
                .asString().startsWith(IpsecNegotiationFailedDetector.QUICK_MODE).contains("Quick mode");
    }

    /** "PFS group mismatch" is no published IOS-XE fail_reason: the detector only tolerates such a text. */
    @Test
    void ipsecFailedShouldReadPfsAndProxyIdentitiesFromTheFailure() {
        PeerState s = machine.apply(null, event(EventKind.IKE_SA_UP, T0));
        PeerState pfs = machine.apply(s, event(EventKind.IPSEC_SETUP_FAILED, T0,
                Map.of("fail_reason", "PFS group mismatch")));
        PeerState proxy = machine.apply(s, event(EventKind.PROXY_IDENTITIES_REJECTED, T0));
        var detector = new IpsecNegotiationFailedDetector(settings);

        assertThat(detector.detect(pfs, T0)).map(Finding::cause).contains(IpsecNegotiationFailedDetector.PFS);
        assertThat(detector.detect(proxy, T0)).map(Finding::cause).contains(IpsecNegotiationFailedDetector.PROXY);
    }

    @Test
    void decapsStalledShouldNeedThreeConsecutiveFlatSamples() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        s = machine.apply(s, sample(T0.plusSeconds(30), 1, 100, 0));
        s = machine.apply(s, sample(T0.plusSeconds(60), 1, 100, 5));
        s = machine.apply(s, sample(T0.plusSeconds(90), 1, 100, 0));
        s = machine.apply(s, sample(T0.plusSeconds(120), 1, 100, 0));
        var detector = new DecapsStalledDetector(settings);

        assertThat(detector.detect(s, T0.plusSeconds(120))).isEmpty();
        s = machine.apply(s, sample(T0.plusSeconds(150), 1, 100, 0));
        assertThat(detector.detect(s, T0.plusSeconds(150))).isPresent();
    }

    @Test
    void stallDetectorsShouldIgnoreAnIdleTunnel() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 5; i++) {
            s = machine.apply(s, sample(T0.plusSeconds(30L * i), 1, 0, 0));
        }

        assertThat(new DecapsStalledDetector(settings).detect(s, T0.plusSeconds(150))).isEmpty();
        assertThat(new EncapsStalledDetector(settings).detect(s, T0.plusSeconds(150))).isEmpty();
    }

    @Test
    void flappingShouldForgetCyclesOlderThanTheWindow() {
        PeerState s = null;
        for (int i = 0; i < 4; i++) {
            s = machine.apply(s, event(EventKind.SESSION_DOWN, T0.plusSeconds(60L * i)));
            s = machine.apply(s, event(EventKind.SESSION_UP, T0.plusSeconds(60L * i + 30)));
        }
        var detector = new TunnelFlappingDetector(settings);

        assertThat(detector.detect(s, T0.plusSeconds(300))).isPresent();
        assertThat(detector.nextCheck(s, T0.plusSeconds(300))).contains(T0.plusSeconds(30).plus(settings.flapWindow()));
        assertThat(detector.detect(s, T0.plusSeconds(30).plus(settings.flapWindow()).plusSeconds(1))).isEmpty();
    }

    @Test
    void diagnosisShouldPutTheLowestLayerFirst() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, T0));
        s = machine.apply(s, event(EventKind.CLEARTEXT_RECEIVED, T0.plusSeconds(1)));
        s = machine.apply(s, event(EventKind.INVALID_SPI, T0.plusSeconds(2)));

        assertThat(new PeerDiagnosis(settings).findings(s, T0.plusSeconds(3))).extracting(f -> f.type().alertName())
                .containsExactly("InvalidSpi", "CleartextReceived");
    }
}
