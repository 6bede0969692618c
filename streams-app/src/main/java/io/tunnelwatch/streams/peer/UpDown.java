package io.tunnelwatch.streams.peer;

import java.time.Instant;

/**
 * A moment the peer's IPsec SA came up or went down; the recent ones tell a flapping tunnel
 * (docs/runbook.md#tunnelflapping-warning).
 */
public record UpDown(Instant at, boolean up) {
}
