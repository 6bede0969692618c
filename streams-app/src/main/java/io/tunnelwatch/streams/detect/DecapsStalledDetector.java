package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.alert.AlertType;
import io.tunnelwatch.streams.alert.Finding;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DecapsStalled [TRAFFIC] (RUNBOOK.md "Layer 4"): SA up, encaps rising, decaps flat for {@code flatSamples} polls: the
 * far side does not send back, or its ESP is dropped on the way in. Runs when a sample arrives.
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
        if (!OneWayTraffic.holds(s, settings.flatSamples(), CounterDelta::encaps, CounterDelta::decaps)) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>(EvidenceLines.deltas(s, settings.flatSamples()));
        evidence.addAll(EvidenceLines.events(s, EventKind.INVALID_SPI, EventKind.AUTH_ERROR));
        return Optional.of(new Finding(type(), "one-way traffic: " + s.peer()
                + " sends nothing back, or its ESP is dropped on the way in", evidence));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        return Optional.empty();
    }
}
