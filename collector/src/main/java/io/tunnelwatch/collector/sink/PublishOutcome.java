package io.tunnelwatch.collector.sink;

/** What became of a record offered to a sink (in production, the bounded queue of a Kafka publisher). */
public enum PublishOutcome {
    /** Queued for the producer thread. */
    QUEUED,
    /** The bounded queue was full (Kafka slower than the input); the record was not taken. */
    QUEUE_FULL,
    /** The queue was full and so was the on-disk spool behind it (Kafka away for longer than the spool holds). */
    SPOOL_FULL,
    /** The publisher is shutting down. */
    CLOSED
}
