package io.tunnelwatch.streams.verdict;

import java.util.List;
import java.util.function.Supplier;

/**
 * What one detector concluded about a peer right now: the alert it would raise, the likely cause and the evidence
 * (message lines, counter deltas, times). Only the lowest-layer finding of a peer becomes an open alert; the others
 * are attached to it (docs/architecture.md#detectors-and-alerts).
 */
public record Finding(AlertType type, String cause, List<String> evidence) {

    public Finding {
        evidence = evidence == null ? List.of() : evidence instanceof DeferredLines ? evidence : List.copyOf(evidence);
    }

    /**
     * A finding whose evidence lines are built only if they are read: detectors run on every input, the lines are
     * needed only for an alert record.
     */
    public static Finding withLinesLater(AlertType type, String cause, Supplier<List<String>> evidence) {
        return new Finding(type, cause, new DeferredLines(evidence));
    }
}
