package io.tunnelwatch.collector.kafka;

/** What became of a record handed to a {@link QueuedKafkaWriter}. */
public enum PublishOutcome {
    /** Queued for the producer thread. */
    QUEUED,
    /** The bounded queue was full (Kafka slower than the input); the record was not taken. */
    QUEUE_FULL,
    /** The publisher is shutting down. */
    CLOSED
}
