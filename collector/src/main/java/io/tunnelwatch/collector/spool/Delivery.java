package io.tunnelwatch.collector.spool;

/**
 * One record on its way to Kafka, and what became of it: pending until Kafka acknowledges it or gives up on it, on
 * whatever thread tells. The Kafka publisher's records are deliveries themselves (one object per record offered); a
 * {@link SpoolingSender} keeps those it sent until they are settled, so that it can copy the unsettled ones to disk
 * when Kafka stops answering.
 */
public interface Delivery {

    int PENDING = 0;
    int ACKNOWLEDGED = 1;
    int FAILED = 2;

    String topic();

    byte[] key();

    byte[] value();

    /** The record time, epoch milliseconds. */
    long timestampMillis();

    /** {@link #PENDING}, {@link #ACKNOWLEDGED} or {@link #FAILED}. */
    int state();

    /** Kafka has the record ({@code acks=all}). */
    void acknowledged();

    /** Kafka gave up on the record (delivery timeout, no room in the producer, a send error). */
    void failed();
}
