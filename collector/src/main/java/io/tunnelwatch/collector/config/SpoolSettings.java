package io.tunnelwatch.collector.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The on-disk spool of the Kafka publishers ({@code --spool-dir}, {@code --spool-max-bytes}).
 *
 * @param directory    where each topic's spool lives ({@code <directory>/<topic>/}); null for no spool
 * @param maxBytes     the cap on all topics' spools together; 0 for no spool
 * @param stallTimeout how long Kafka may leave a record unacknowledged before records go to the spool
 */
public record SpoolSettings(Path directory, long maxBytes, Duration stallTimeout) {

    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final long MIN_MAX_BYTES = 1L << 20;
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(2);

    public SpoolSettings {
        if (maxBytes != 0 && maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("--spool-max-bytes must be 0 (no spool) or at least 1MiB, was "
                    + maxBytes);
        }
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the spool's stall timeout must be positive, was " + stallTimeout);
        }
    }

    /** No spool: while Kafka is away the queue fills and TCP pauses, as without one. */
    public static SpoolSettings off() {
        return new SpoolSettings(null, 0, DEFAULT_STALL_TIMEOUT);
    }

    /** A spool in {@code directory} capped at {@code maxBytes} (0 for none), with the default stall timeout. */
    public static SpoolSettings in(Path directory, long maxBytes) {
        return new SpoolSettings(directory, maxBytes, DEFAULT_STALL_TIMEOUT);
    }

    public boolean enabled() {
        return directory != null && maxBytes > 0;
    }
}
