package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.IpsecStatus;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * IpsecNegotiationFailed [IPSEC] (docs/runbook.md#ipsec-layer): IKE up for {@code stuckAfter} while the IPsec SA is
 * known
 * to be missing, or a quick-mode / child-SA failure message while no SA is up. "Known to be missing" needs evidence:
 * a poll with no SA row or a session DOWN. A router that logs {@code IKEV2-5-SA_UP} but whose SA up was never seen
 * (no SESSION_STATUS logging, not polled) is not accused: the IPsec state is merely unknown; cause from {@code fail_reason}: transform set, PFS group,
 * or proxy identities (crypto ACLs that are not mirror images).
 */
public final class IpsecNegotiationFailedDetector implements Detector {

    static final String PROXY = "proxy identities: the crypto ACLs are not mirror images of each other";
    static final String TRANSFORM = "transform-set mismatch";
    static final String PFS = "PFS group mismatch";
    /** IOS-XE's published fail_reason "IPSec Proposal failure": the phase-2 proposal (transform set or PFS) refused. */
    static final String PROPOSAL = "IPsec proposal failure: compare transform sets and PFS groups";
    static final String UNKNOWN = "no reason given: compare transform sets, PFS groups and crypto ACLs";
    /**
     * IKEv1's {@code IKMP_MODE_FAILURE ... Quick mode}: the phase-2 exchange failed, which at normal logging is all an
     * IOS router says of a refused transform set, PFS group or pair of selectors.
     */
    static final String QUICK_MODE = "phase-2 (quick mode) negotiation failed, its proposal or selectors refused:"
            + " compare transform sets, PFS groups and crypto ACLs";

    private static final EventKind[] EVIDENCE = {EventKind.IKE_SA_UP, EventKind.IPSEC_SETUP_FAILED,
        EventKind.PROXY_IDENTITIES_REJECTED, EventKind.IKE_STATE};

    private final DetectorSettings settings;

    public IpsecNegotiationFailedDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.IPSEC_NEGOTIATION_FAILED;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        IpsecStatus ipsec = s.ipsec();
        if (ipsec.state() == IpsecState.UP) {
            return Optional.empty();
        }
        boolean recentFailure = ipsec.lastFailureAt() != null
                && now.isBefore(ipsec.lastFailureAt().plus(settings.messageWindow()));
        boolean ikeUpLongEnough = ipsec.state() == IpsecState.NO_SA && s.ike().state().isUp()
                && s.ike().since() != null && !now.isBefore(s.ike().since().plus(settings.stuckAfter()));
        if (!recentFailure && !ikeUpLongEnough) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), causeOf(ipsec), () -> EvidenceLines.events(s, EVIDENCE)));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        if (s.ipsec().state() == IpsecState.UP) {
            return Optional.empty();
        }
        Instant ikeDue = s.ipsec().state() == IpsecState.NO_SA && s.ike().state().isUp() && s.ike().since() != null
                ? s.ike().since().plus(settings.stuckAfter()) : null;
        Instant failureEnds = s.ipsec().lastFailureAt() == null
                ? null : s.ipsec().lastFailureAt().plus(settings.messageWindow());
        return Stream.of(ikeDue, failureEnds).map(t -> Detector.after(t, now)).flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    static String causeOf(IpsecStatus ipsec) {
        if (ipsec.lastFailure() == EventKind.PROXY_IDENTITIES_REJECTED) {
            return PROXY;
        }
        String reason = ipsec.failReason() == null ? "" : ipsec.failReason().toLowerCase(Locale.ROOT);
        if (reason.contains("proxy") || reason.contains("ts_unacceptable") || reason.contains("identit")) {
            return PROXY;
        }
        if (reason.contains("transform")) {
            return TRANSFORM;
        }
        if (reason.contains("pfs") || reason.contains("dh group")) {
            return PFS;
        }
        if (reason.contains("proposal")) {
            return PROPOSAL + " (router said: " + ipsec.failReason() + ")";
        }
        if (reason.contains("quick mode")) {
            return QUICK_MODE + " (router said: " + ipsec.failReason() + ")";
        }
        return reason.isEmpty() ? UNKNOWN : UNKNOWN + " (router said: " + ipsec.failReason() + ")";
    }
}
