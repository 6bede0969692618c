package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.config.KafkaClientProperties;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Kafka is, or where the embedded one keeps its data. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            description = "An existing Kafka cluster. Without it, run/demo start an embedded broker."
                    + " Env: TUNNELWATCH_BOOTSTRAP_SERVERS.")
    public String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "tunnelwatch-data",
            description = "Embedded broker logs and Kafka Streams state (default: ${DEFAULT-VALUE} in the working"
                    + " directory). Reused across restarts.")
    public Path dataDir;

    @Option(names = "--partitions", defaultValue = "12",
            description = "Partitions of the tunnelwatch topics when they are created (default: ${DEFAULT-VALUE}).")
    public int partitions;

    @Option(names = "--replication-factor", defaultValue = "0",
            description = "Replicas of the tunnelwatch topics when they are created; 0 = min(3, brokers).")
    public int replicationFactor;

    @Option(names = "--kafka-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to wait for Kafka to answer at start (default: ${DEFAULT-VALUE}).")
    public int kafkaTimeoutSeconds;

    @Option(names = "--kafka-port", defaultValue = "9092",
            description = "Client port of the embedded broker, on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    public int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "9093",
            description = "KRaft controller port of the embedded broker (default: ${DEFAULT-VALUE}).")
    public int kafkaControllerPort;

    @Option(names = "--application-id", defaultValue = "tunnelwatch",
            description = "Kafka Streams application id (consumer group, internal topic prefix); streams instances"
                    + " with the same id share the peers (default: ${DEFAULT-VALUE}).")
    public String applicationId;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings (Java properties, as for the Kafka CLI tools): security.protocol,"
                    + " sasl.*, ssl.*, tuning; producer./consumer./admin. prefixes reach one kind of client."
                    + " Env: TUNNELWATCH_KAFKA_CONFIG.")
    public Path kafkaConfig;

    /** The settings of {@code --kafka-config}, read now so a bad file ends the start before anything opens. */
    public KafkaClientProperties clientProperties() {
        return kafkaConfig == null ? KafkaClientProperties.none() : KafkaClientProperties.load(kafkaConfig);
    }

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
