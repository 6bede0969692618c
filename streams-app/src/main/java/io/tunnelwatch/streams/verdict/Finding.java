package io.tunnelwatch.streams.verdict;

import java.util.List;

/**
 * What one detector concluded about a peer right now: the alert it would raise, the likely cause and the evidence
 * (message lines, counter deltas, times). Only the lowest-layer finding of a peer becomes an open alert; the others
 * are attached to it (docs/architecture.md#detectors-and-alerts).
 */
public record Finding(AlertType type, String cause, List<String> evidence) {

    public Finding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
