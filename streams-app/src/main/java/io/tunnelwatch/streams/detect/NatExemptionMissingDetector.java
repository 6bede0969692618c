package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NatExemptionMissing [NAT_T] (docs/runbook.md#nat-t-layer): a crypto-map peer over NAT-T whose traffic never encrypts
 * ({@link NatExemptionPattern}). Runs when a sample or a RECVD_PKT_NOT_IPSEC message arrives.
 */
public final class NatExemptionMissingDetector implements Detector {

    static final String CAUSE = "NAT-T in use with a crypto map and nothing encrypted towards the peer: traffic is "
            + "translated before encryption and misses the crypto ACL (no NAT exemption for the VPN traffic)";

    private final DetectorSettings settings;

    public NatExemptionMissingDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.NAT_EXEMPTION_MISSING;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        if (!NatExemptionPattern.holds(s, settings, now)) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), CAUSE, () -> {
            List<String> evidence = new ArrayList<>();
            evidence.add("NAT-T in use (UDP 4500)" + (s.cryptoAcl() == null ? "" : ", crypto ACL " + s.cryptoAcl()));
            evidence.addAll(EvidenceLines.deltas(s, settings.flatSamples()));
            evidence.addAll(EvidenceLines.events(s, EventKind.CLEARTEXT_RECEIVED));
            return evidence;
        }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        // A clear-text message keeps the pattern true only for the message window.
        var message = EvidenceLines.latest(s, now, settings.messageWindow(), EventKind.CLEARTEXT_RECEIVED);
        return message == null ? Optional.empty() : Detector.after(message.at().plus(settings.messageWindow()), now);
    }
}
