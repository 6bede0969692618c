package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.UpDown;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TunnelFlapping (docs/architecture.md#detectors-and-alerts): more than {@code flapCycles} down→up cycles within {@code
 * flapWindow}.
 * A cycle is counted at its UP, so a tunnel that is down right now is left to PeerUnreachable.
 */
public final class TunnelFlappingDetector implements Detector {

    private final DetectorSettings settings;

    public TunnelFlappingDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.TUNNEL_FLAPPING;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        List<Instant> cycles = cycleEnds(s, now);
        if (cycles.size() <= settings.flapCycles()) {
            return Optional.empty();
        }
        return Optional.of(Finding.withLinesLater(type(), cycles.size() + " down/up cycles within "
                + settings.flapWindow().toMinutes() + " min: an unstable path or DPD timeouts",
                () -> s.upDowns().stream().filter(u -> !u.at().isBefore(now.minus(settings.flapWindow())))
                        .map(u -> u.at() + (u.up() ? " up" : " down")).toList()));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        List<Instant> cycles = cycleEnds(s, now);
        // The answer changes when the oldest cycle in the window leaves it.
        return cycles.isEmpty() ? Optional.empty() : Detector.after(cycles.get(0).plus(settings.flapWindow()), now);
    }

    /** The times of the UPs that ended a DOWN, within the window, oldest first. */
    private List<Instant> cycleEnds(PeerState s, Instant now) {
        Instant from = now.minus(settings.flapWindow());
        List<Instant> ends = new ArrayList<>();
        UpDown previous = null;
        for (UpDown u : s.upDowns()) {
            if (u.up() && previous != null && !previous.up() && !u.at().isBefore(from) && !u.at().isAfter(now)) {
                ends.add(u.at());
            }
            previous = u;
        }
        return ends;
    }
}
