package io.tunnelwatch.collector.spool;

/**
 * One record as the spool keeps it: the Kafka topic, the serialized key and value (either may be null) and the record
 * time in epoch milliseconds.
 */
public record SpoolRecord(String topic, byte[] key, byte[] value, long timestamp) {
}
