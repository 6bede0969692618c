package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Picks the lines of a peer's recent events and counter deltas that support a finding. */
final class EvidenceLines {

    private static final int MAX_LINES = 6;

    private EvidenceLines() {
    }

    /** The last few events of the given kinds, oldest first. */
    static List<String> events(PeerState s, EventKind... kinds) {
        Set<String> names = Arrays.stream(kinds).map(Enum::name).collect(Collectors.toSet());
        List<String> lines = s.recentEvents().stream().filter(e -> names.contains(e.kind())).map(Evidence::line)
                .toList();
        return lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
    }

    /** The last {@code n} polls' deltas, oldest first. */
    static List<String> deltas(PeerState s, int n) {
        List<CounterDelta> d = s.recentDeltas();
        return d.subList(Math.max(0, d.size() - n), d.size()).stream().map(CounterDelta::line).toList();
    }

    /** The newest event of the given kinds within {@code window} before {@code now}, or null. */
    static Evidence latest(PeerState s, Instant now, Duration window, EventKind... kinds) {
        Set<String> names = Arrays.stream(kinds).map(Enum::name).collect(Collectors.toSet());
        Evidence found = null;
        for (Evidence e : s.recentEvents()) {
            if (names.contains(e.kind()) && !e.at().isBefore(now.minus(window)) && !e.at().isAfter(now)) {
                found = e;
            }
        }
        return found;
    }

    /** Names the start, not the duration: a cause must stay the same while it holds, or every look is an update. */
    static String held(String what, Instant since) {
        return what + " since " + since;
    }
}
