package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CryptoErrors [TRAFFIC] (docs/runbook.md#traffic-layer): replay, authentication (MAC) or decrypt failures rose by more
 * than
 * {@code cryptoErrorsPerPoll} in the last poll, or a REPLAY_ERROR / AUTH_ERROR / IPsec failure message arrived within {@code messageWindow} (IOS rate-limits
 * these messages, so the counters give the rate and the messages the evidence).
 */
public final class CryptoErrorsDetector implements Detector {

    private static final EventKind[] MESSAGES = {EventKind.REPLAY_ERROR, EventKind.AUTH_ERROR,
        EventKind.IPSEC_FAILURE};

    private final DetectorSettings settings;

    public CryptoErrorsDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.CRYPTO_ERRORS;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        List<CounterDelta> d = s.recentDeltas();
        CounterDelta last = d.isEmpty() ? null : d.get(d.size() - 1);
        boolean rising = last != null && last.cryptoErrors() > settings.cryptoErrorsPerPoll();
        Evidence message = EvidenceLines.latest(s, now, settings.messageWindow(), MESSAGES);
        if (!rising && message == null) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), causeOf(rising ? last : null, message), () -> {
            List<String> evidence = new ArrayList<>(rising ? List.of(last.line()) : List.of());
            evidence.addAll(EvidenceLines.events(s, MESSAGES));
            return evidence;
        }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        Evidence message = EvidenceLines.latest(s, now, settings.messageWindow(), MESSAGES);
        return message == null ? Optional.empty() : Detector.after(message.at().plus(settings.messageWindow()), now);
    }

    private static String causeOf(CounterDelta d, Evidence message) {
        if (d != null) {
            if (d.replayDrops() >= d.authFails() && d.replayDrops() >= d.decryptFails()) {
                return "anti-replay drops: reordering on the path or QoS after encryption (or reassembly, see MTU)";
            }
            return d.authFails() >= d.decryptFails()
                    ? "authentication (MAC) failures: packets corrupted on the way, or keys out of sync"
                    : "decrypt failures: keys out of sync, or packets corrupted on the way";
        }
        return EventKind.REPLAY_ERROR.name().equals(message.kind())
                ? "anti-replay drops: reordering on the path or QoS after encryption (or reassembly, see MTU)"
                : "authentication (MAC) failures: packets corrupted on the way, or keys out of sync";
    }
}
