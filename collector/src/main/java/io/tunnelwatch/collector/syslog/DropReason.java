package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.collector.sink.PublishOutcome;
import java.util.Locale;

/** Why a received message did not reach Kafka; the lower-case name is the {@code reason} label. */
public enum DropReason {
    /** The publish queue was full: Kafka is slower than the input (UDP; TCP stops reading instead). */
    QUEUE_FULL,
    /** The publish queue was full and so was the on-disk spool behind it (UDP; TCP stops reading instead). */
    SPOOL_FULL,
    /** A UDP socket's parse backlog was full: parsing fell more than about a second behind the input. */
    BACKLOG_FULL,
    /** Arrived while the collector was shutting down. */
    CLOSED,
    /** A TCP/TLS frame longer than the configured maximum. */
    FRAME_TOO_LONG,
    /** An RFC 6587 octet count that is not one (letters, a leading zero, too many digits). */
    BAD_OCTET_COUNT,
    /** A connection ended before all the octets its last octet count announced had arrived. */
    TRUNCATED_FRAME,
    /** From a sender the inventory does not list, with {@code --reject-unknown-senders}. */
    UNKNOWN_SENDER;

    /** Why a publish outcome other than {@code QUEUED} is a drop. */
    public static DropReason of(PublishOutcome outcome) {
        return switch (outcome) {
            case CLOSED -> CLOSED;
            case SPOOL_FULL -> SPOOL_FULL;
            default -> QUEUE_FULL;
        };
    }

    /** Made once: labels are asked for on every line. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
