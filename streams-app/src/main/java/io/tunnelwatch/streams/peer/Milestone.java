package io.tunnelwatch.streams.peer;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a peer's timeline, kept in {@link PeerState#milestones()}: a phase change, or an alert opened or
 * resolved, with the few lines that showed it. What a person reads to see what happened to a tunnel lately.
 *
 * @param kind     what happened
 * @param name     the phase entered, or the alert's name
 * @param detail   the phase left, the alert's cause when it opened, or why it resolved; may be null
 * @param evidence the lines that showed it (message or counter lines), at most {@link #MAX_EVIDENCE}, each cut to
 *                 {@link #MAX_LINE} characters
 */
public record Milestone(Instant at, Kind kind, String name, String detail, List<String> evidence) {

    public static final int MAX_EVIDENCE = 4;
    public static final int MAX_LINE = 200;

    public enum Kind {
        PHASE, OPENED, RESOLVED;

        /** Phase changes and alert steps are bounded apart, so a flapping phase does not push out the alerts. */
        boolean isAlertStep() {
            return this != PHASE;
        }
    }

    public Milestone {
        evidence = evidence == null ? List.of() : evidence.stream().limit(MAX_EVIDENCE)
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE - 1) + "…" : line).toList();
    }
}
