package io.tunnelwatch.collector.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;

/**
 * The partition count of one topic, and the partition Kafka's built-in partitioner gives a key (murmur2 of the key
 * bytes modulo the count: the placement Kafka Streams and every default producer rely on). Offering threads compute
 * the partitions of keyed records themselves, once per busy key ({@link RecentKeys}), so the producer skips its own
 * per-record partitioner call and cluster lookup, about a tenth of the publishing thread's time under load
 * (async-profiler, docs/performance.md).
 *
 * <p>The count is read from the producer's metadata by the publishing thread, at its first record and then every
 * {@link #REFRESH_NANOS}; until it is known (broker not reached yet) records go without a partition and the
 * producer places them itself, the same way.
 */
final class KeyPartitions {

    static final long REFRESH_NANOS = 10_000_000_000L;
    /** The clock is read once per this many records (a power of two), not per record. */
    private static final int CLOCK_EVERY = 1024;

    private final String topic;
    private final Producer<?, ?> producer;
    /** The topic's partition count, 0 while unknown; written by the publishing thread, read by offering threads. */
    private volatile int count;
    private long refreshDue = Long.MIN_VALUE;
    private long sends;

    KeyPartitions(String topic, Producer<?, ?> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** The topic's partition count as last read, 0 while unknown. */
    int count() {
        return count;
    }

    /** The partition of {@code key} among {@code count} partitions, or null when the count is unknown (0). */
    static Integer partitionOf(byte[] key, int count) {
        return count <= 0 ? null : BuiltInPartitioner.partitionForKey(key, count);
    }

    /** Called by the publishing thread before each send: re-reads the partition count at the first and when due. */
    void beforeSend() {
        if ((sends++ & (CLOCK_EVERY - 1)) == 0) {
            refreshIfDue(System.nanoTime());
        }
    }

    /** Re-reads the partition count when due. May wait for metadata as a send would. */
    void refreshIfDue(long nowNanos) {
        if (refreshDue != Long.MIN_VALUE && nowNanos - refreshDue < 0) {
            return;
        }
        refreshDue = nowNanos + REFRESH_NANOS;
        try {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            count = partitions == null ? 0 : partitions.size();
        } catch (KafkaException e) {
            count = 0; // the producer places records itself until the next try
        }
    }
}
