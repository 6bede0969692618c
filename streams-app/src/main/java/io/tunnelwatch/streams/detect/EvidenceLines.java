package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Picks the lines of a peer's recent events and counter deltas that support a finding. */
final class EvidenceLines {

    private static final int MAX_LINES = 6;

    private EvidenceLines() {
    }

    /**
     * The last few events of the given kinds, oldest first. Asked on every input while a finding holds, so only the
     * lines kept are built (a line formats its time).
     */
    static List<String> events(PeerState s, EventKind... kinds) {
        List<Evidence> events = s.recentEvents();
        String[] lines = new String[MAX_LINES];
        int found = 0;
        for (int i = events.size() - 1; i >= 0 && found < MAX_LINES; i--) {
            Evidence e = events.get(i);
            if (isOneOf(e.kind(), kinds)) {
                lines[MAX_LINES - 1 - found++] = e.line();
            }
        }
        return List.of(Arrays.copyOfRange(lines, MAX_LINES - found, MAX_LINES));
    }

    /** The last {@code n} polls' deltas, oldest first. */
    static List<String> deltas(PeerState s, int n) {
        List<CounterDelta> d = s.recentDeltas();
        return d.subList(Math.max(0, d.size() - n), d.size()).stream().map(CounterDelta::line).toList();
    }

    /**
     * The newest event of the given kinds within {@code window} before {@code now}, or null. Several detectors ask
     * this on every input of every peer: it scans from the newest event back, without allocating.
     */
    static Evidence latest(PeerState s, Instant now, Duration window, EventKind... kinds) {
        Instant from = now.minus(window);
        List<Evidence> events = s.recentEvents();
        for (int i = events.size() - 1; i >= 0; i--) {
            Evidence e = events.get(i);
            if (isOneOf(e.kind(), kinds) && !e.at().isBefore(from) && !e.at().isAfter(now)) {
                return e;
            }
        }
        return null;
    }

    private static boolean isOneOf(String kind, EventKind[] kinds) {
        for (EventKind k : kinds) {
            if (k.name().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Names the start, not the duration: a cause must stay the same while it holds, or every look is an update. */
    static String held(String what, Instant since) {
        return what + " since " + since;
    }
}
