package io.tunnelwatch.collector.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer configuration of the collector: idempotent, acks=all (no event is lost to a leader change), lz4
 * compression, small linger for latency with batching under load. User overrides win.
 */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static final String CLIENT_ID = "tunnelwatch-collector";

    public static Map<String, Object> forBootstrap(String bootstrapServers, Map<String, String> overrides) {
        return forBootstrap(bootstrapServers, overrides, CLIENT_ID);
    }

    /** With its own client id, which names its client metrics ({@code client_id} label). */
    public static Map<String, Object> forBootstrap(String bootstrapServers, Map<String, String> overrides,
                                                   String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.putAll(overrides);
        return p;
    }
}
