package io.tunnelwatch.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the embedded broker runs.
 *
 * @param dataDirectory    the tunnelwatch data directory; the broker keeps its logs in {@code kafka/} inside it
 * @param host             the loopback address it listens on
 * @param port             the client port
 * @param controllerPort   the KRaft controller port
 * @param defaultPartitions partitions of topics created without a count (Kafka Streams internals follow sources)
 * @param retentionHours   how long records are kept
 * @param startTimeout     how long to wait for it to answer
 * @param overrides        any further broker properties, applied last
 */
public record EmbeddedBrokerConfig(
        Path dataDirectory,
        String host,
        int port,
        int controllerPort,
        int defaultPartitions,
        int retentionHours,
        Duration startTimeout,
        Map<String, String> overrides) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    public EmbeddedBrokerConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(host, "host");
        if (port == controllerPort) {
            throw new IllegalArgumentException("the Kafka port and the controller port must differ: " + port);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Loopback, default ports, 12 partitions, a week of retention. */
    public static EmbeddedBrokerConfig defaults(Path dataDirectory) {
        return new EmbeddedBrokerConfig(dataDirectory, "127.0.0.1", DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, 12, 168,
                Duration.ofSeconds(60), Map.of());
    }

    public EmbeddedBrokerConfig withPorts(int newPort, int newControllerPort) {
        return new EmbeddedBrokerConfig(dataDirectory, host, newPort, newControllerPort, defaultPartitions,
                retentionHours, startTimeout, overrides);
    }
}
