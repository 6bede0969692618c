package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DecapsStalled [TRAFFIC] (docs/runbook.md#traffic-layer): SA up, encaps rising, decaps flat for {@code flatSamples}
 * polls: the
 * far side does not send back, or its ESP is dropped on the way in. Runs when a sample arrives.
 *
 * <p>When the far end is a monitored router too ({@link BothEnds}), its polls say which: packets lost on the path in
 * one direction (named on both ends, so it opens here too when this end's own counters look fine but the far end
 * decapsulates none of what this end sends), or the far end receiving but encrypting nothing back.
 */
public final class DecapsStalledDetector implements Detector {

    private final DetectorSettings settings;

    public DecapsStalledDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.DECAPS_STALLED;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        boolean oneWay = oneWay(s);
        if (oneWay && BothEnds.awaitFarEnd(s, type(), settings, now).isPresent()) {
            return Optional.empty();
        }
        Optional<BothEnds> both = BothEnds.of(s, settings, now);
        Optional<String> loss = both.flatMap(BothEnds::loss);
        if (!oneWay && loss.isEmpty()) {
            return Optional.empty();
        }
        String cause = loss.or(() -> both.flatMap(BothEnds::returnMissingAtFar)).orElse("one-way traffic: "
                + s.peer() + " sends nothing back, or its ESP is dropped on the way in");
        return Optional.of(Finding.withLinesLater(type(), cause, () -> {
            List<String> evidence = new ArrayList<>();
            both.ifPresent(b -> evidence.add(b.line(settings.flatSamples())));
            evidence.addAll(EvidenceLines.deltas(s, settings.flatSamples()));
            evidence.addAll(EvidenceLines.events(s, EventKind.INVALID_SPI, EventKind.AUTH_ERROR));
            return evidence;
        }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        return oneWay(s) ? BothEnds.awaitFarEnd(s, type(), settings, now) : Optional.empty();
    }

    private boolean oneWay(PeerState s) {
        return OneWayTraffic.holds(s, settings.flatSamples(), CounterDelta::encaps, CounterDelta::decaps);
    }
}
