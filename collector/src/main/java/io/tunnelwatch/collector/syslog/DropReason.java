package io.tunnelwatch.collector.syslog;

import java.util.Locale;

/** Why a received message did not reach Kafka; the lower-case name is the {@code reason} label. */
public enum DropReason {
    /** The publish queue was full: Kafka is slower than the input (UDP; TCP stops reading instead). */
    QUEUE_FULL,
    /** Arrived while the collector was shutting down. */
    CLOSED,
    /** A TCP frame longer than the configured maximum. */
    FRAME_TOO_LONG,
    /** From a sender the inventory does not list, with {@code --reject-unknown-senders}. */
    UNKNOWN_SENDER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
