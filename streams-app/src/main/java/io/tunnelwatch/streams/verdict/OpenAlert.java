package io.tunnelwatch.streams.verdict;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The alert open on a peer, as kept in its state (docs/architecture.md#detectors-and-alerts: at most one per peer, the
 * lowest
 * broken layer).
 *
 * @param id            stable: derived from device, peer, type and opening time, so a replay opens no twin
 * @param cause         the likely cause last diagnosed
 * @param related       higher-layer findings attached as evidence (alert names), sorted
 * @param clearingSince when the condition was first seen absent, null while it holds; the alert resolves once it
 *                      stayed absent long enough (hysteresis)
 */
public record OpenAlert(String id, AlertType type, Instant openedAt, String cause, List<String> related,
                        Instant clearingSince) {

    public OpenAlert {
        related = related == null ? List.of() : List.copyOf(related);
    }

    /** The deterministic id of an alert of {@code type} on {@code device|peer} opened at {@code openedAt}. */
    public static String idOf(String device, String peer, AlertType type, Instant openedAt) {
        String name = device + "|" + peer + "|" + type.alertName() + "|" + openedAt.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public OpenAlert withClearingSince(Instant at) {
        return new OpenAlert(id, type, openedAt, cause, related, at);
    }

    public OpenAlert withDiagnosis(String newCause, List<String> newRelated) {
        return new OpenAlert(id, type, openedAt, newCause, newRelated, null);
    }
}
