package io.tunnelwatch.collector.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer configuration of the collector: idempotent, acks=all (no event is lost to a leader change), lz4
 * compression, batches that wait up to {@link #LINGER_MS} for more records, records kept through a broker outage of
 * minutes ({@link #DELIVERY_TIMEOUT_MS}). User overrides win.
 */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static final String CLIENT_ID = "tunnelwatch-collector";

    /**
     * How long a record may wait for a broker that is away, in the producer's buffer ({@code delivery.timeout.ms}) or
     * for room in it ({@code max.block.ms}), before it is counted failed: five minutes, so that a broker restart or a
     * minute's outage loses nothing. While the producer waits for room, the publish queue fills and TCP/TLS reads
     * pause (docs/reliability.md).
     */
    public static final int DELIVERY_TIMEOUT_MS = 300_000;

    /**
     * How long a batch waits for more records. Kafka's 5 ms made batches of about a dozen events at a fleet's rates
     * (tens of thousands a second over a dozen partitions), and every batch allocates lz4's two 64 KiB buffers: a
     * quarter of the all-in-one's garbage. At 25 ms an event reaches Kafka at most 20 ms later, far inside what an
     * alert waits for (docs/performance.md#rocksdb-write-stalls-and-the-collectors-batches).
     */
    public static final int LINGER_MS = 25;

    /** The settings of the collector's one producer ({@link #CLIENT_ID} names its client metrics). */
    public static Map<String, Object> forBootstrap(String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.putAll(overrides);
        return p;
    }
}
