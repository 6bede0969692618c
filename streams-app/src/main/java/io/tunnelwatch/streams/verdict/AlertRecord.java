package io.tunnelwatch.streams.verdict;

import java.time.Instant;
import java.util.List;

/**
 * One step of an alert's life on {@code tunnelwatch.alerts} (JSON, keyed {@code device|peer}): opened, updated (the
 * cause or the attached higher-layer findings changed), resolved (healed, or superseded by a lower layer).
 *
 * @param alert      the alert name (docs/runbook.md), e.g. {@code DecapsStalled}
 * @param related    higher-layer findings attached as evidence, by alert name
 * @param commands   the runbook's next IOS-XE commands, placeholders filled where known
 * @param at         when this step happened
 * @param resolution why it resolved; null unless {@code action} is RESOLVED
 */
public record AlertRecord(
        int v,
        Action action,
        String id,
        String device,
        String peer,
        String alert,
        String layer,
        String severity,
        String summary,
        String cause,
        List<String> evidence,
        List<String> related,
        List<String> commands,
        Instant openedAt,
        Instant at,
        String resolution) {

    public static final int VERSION = 1;

    public enum Action { OPENED, UPDATED, RESOLVED }
}
