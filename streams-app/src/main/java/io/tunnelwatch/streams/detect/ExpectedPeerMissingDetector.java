package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ExpectedPeerMissing [UNDERLAY] (docs/architecture.md#detectors-and-alerts, docs/runbook.md#underlay-layer): a peer
 * the inventory expects has had
 * no IPsec SA and no negotiation for {@code missingAfter}. SNMP tables simply drop a tunnel that is down, so the
 * collector's poller sends a sample with {@code saCount 0} and IKE status {@code none} for an expected peer without
 * rows; that sample is the only signal. A syslog-only device (not polled) cannot be checked: the inventory's
 * expectations do not reach the streams app by any other way.
 */
public final class ExpectedPeerMissingDetector implements Detector {

    /** The IKE status the poller reports for a peer without a cikeTunnelTable row. */
    static final String NO_IKE_ROW = "none";

    private static final EventKind[] NEGOTIATION = {EventKind.IKE_STATE, EventKind.IKE_NEW_SA,
        EventKind.IKE_RETRANSMIT, EventKind.IKE_PROPOSAL_ACCEPTED, EventKind.IKE_PROPOSAL_REJECTED,
        EventKind.IKE_AUTH_FAILED, EventKind.IKE_BAD_MESSAGE, EventKind.IKE_SA_UP, EventKind.SESSION_UP};

    private final DetectorSettings settings;

    public ExpectedPeerMissingDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.EXPECTED_PEER_MISSING;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        Instant since = missingSince(s);
        if (since == null || now.isBefore(since.plus(settings.missingAfter()))) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), EvidenceLines.held("the inventory expects " + s.peer()
                + " but the router has no SA with it and is not negotiating", since), () -> {
                    List<String> evidence = new ArrayList<>();
                    evidence.add(s.lastSample().polledAt() + " polled: 0 IPsec SA rows, no IKE SA row for "
                            + s.peer());
                    evidence.addAll(EvidenceLines.events(s, EventKind.SESSION_DOWN, EventKind.IKE_SA_DOWN));
                    return evidence;
                }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        Instant since = missingSince(s);
        return since == null ? Optional.empty() : Detector.after(since.plus(settings.missingAfter()), now);
    }

    /** Since when the polls say "no SA, no IKE" with no negotiation seen since; null when that does not hold. */
    private static Instant missingSince(PeerState s) {
        CounterSample last = s.lastSample();
        if (last == null || !last.deviceAnswered() || last.saCount() > 0 || s.ipsec().state() != IpsecState.NO_SA
                || s.ipsec().since() == null) {
            return null;
        }
        if (last.ikeStatus() != null && !NO_IKE_ROW.equals(last.ikeStatus())) {
            return null;
        }
        if (s.ike().state().isUp() || s.ike().state().isMidNegotiation() || s.ike().state().isAwaitingFirstAnswer()) {
            return null;
        }
        Instant since = s.ipsec().since();
        boolean negotiated = s.recentEvents().stream().anyMatch(e -> !e.at().isBefore(since)
                && List.of(NEGOTIATION).stream().anyMatch(k -> k.name().equals(e.kind())));
        return negotiated ? null : since;
    }
}
