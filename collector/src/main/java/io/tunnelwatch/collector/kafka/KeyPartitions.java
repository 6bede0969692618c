package io.tunnelwatch.collector.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;

/**
 * Places a keyed record on the partition Kafka's built-in partitioner would pick (murmur2 of the key bytes modulo
 * the topic's partition count: the placement Kafka Streams and every default producer rely on), computed by the
 * thread that offers the record. The producer then skips its own per-record partitioner call and cluster lookup,
 * about a tenth of the publishing thread's time under load (async-profiler, docs/performance.md).
 *
 * <p>The partition count is read from the producer's metadata by the publishing thread, at its first record and
 * then every {@link #REFRESH_NANOS}; until it is known (broker not reached yet) records go without a partition and
 * the producer places them itself, the same way.
 */
final class KeyPartitions {

    static final long REFRESH_NANOS = 10_000_000_000L;
    /** Slots of the placement memory, a power of two. */
    private static final int SLOTS = 4096;
    /** The clock is read once per this many records (a power of two), not per record. */
    private static final int CLOCK_EVERY = 1024;

    private final String topic;
    private final Producer<?, ?> producer;
    /** The topic's partition count, 0 while unknown; written by the publishing thread, read by offering threads. */
    private volatile int count;
    private long refreshDue = Long.MIN_VALUE;
    /**
     * The partitions of recent key arrays, by array identity ({@link RecentKeys} hands out one array per busy
     * tunnel): a hit skips the hash. Entries are immutable, so racing offering threads at worst replace each other's.
     */
    private final Placement[] placements = new Placement[SLOTS];
    private long sends;

    KeyPartitions(String topic, Producer<?, ?> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** The partition of a record with this key, or null to let the producer decide (count unknown, not bytes). */
    Integer of(Object key) {
        int n = count;
        if (n <= 0 || !(key instanceof byte[] bytes)) {
            return null;
        }
        int slot = System.identityHashCode(bytes) & (SLOTS - 1);
        Placement p = placements[slot];
        if (p != null && p.key == bytes && p.count == n) {
            return p.partition;
        }
        Integer partition = BuiltInPartitioner.partitionForKey(bytes, n);
        placements[slot] = new Placement(bytes, n, partition);
        return partition;
    }

    private record Placement(byte[] key, int count, Integer partition) {
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
