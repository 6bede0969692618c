package io.tunnelwatch.collector.spool;

/**
 * One record on its way to Kafka, and what became of it: pending until Kafka acknowledges it or gives up on it, on
 * whatever thread tells. The Kafka publisher makes one per record offered; a {@link SpoolingSender} keeps those it
 * sent until they are settled, so that it can copy the unsettled ones to disk when Kafka stops answering.
 */
public class Delivery {

    static final int PENDING = 0;
    static final int ACKNOWLEDGED = 1;
    static final int FAILED = 2;

    private final String topic;
    private final byte[] key;
    private final byte[] value;
    private final long timestamp;
    private volatile int state;
    /** Where the spool holds a copy, or -1; the sending thread's only. */
    long spoolPosition = -1;
    /** For a record replayed from the spool: the position after it, to acknowledge once delivered; else -1. */
    long spoolNext = -1;
    /** A spooled record found already delivered, settled without a send. */
    boolean skipped;
    /** When it was handed to Kafka ({@link System#nanoTime}). */
    long sentAt;

    public Delivery(String topic, byte[] key, byte[] value, long timestamp) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    public final String topic() {
        return topic;
    }

    public final byte[] key() {
        return key;
    }

    public final byte[] value() {
        return value;
    }

    public final long timestamp() {
        return timestamp;
    }

    /** Kafka has the record ({@code acks=all}). */
    public final void acknowledged() {
        state = ACKNOWLEDGED;
    }

    /** Kafka gave up on the record (delivery timeout, no room in the producer, a send error). */
    public final void failed() {
        state = FAILED;
    }

    final int state() {
        return state;
    }
}
