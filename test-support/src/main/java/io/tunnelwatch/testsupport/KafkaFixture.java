package io.tunnelwatch.testsupport;

import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one Kafka of the integration tests in a JVM: a Testcontainers {@link KafkaContainer} where a Docker engine
 * answers, otherwise the same embedded broker that {@code tunnelwatch run} starts. Started on first use, stopped
 * when the JVM exits; topics of DESIGN.md are created with 3 partitions.
 *
 * <p>Set {@code -Dtunnelwatch.it.kafka=embedded} (or {@code container}) to force one.
 */
public final class KafkaFixture {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    public static final int PARTITIONS = 3;

    private static String bootstrapServers;

    private KafkaFixture() {
    }

    /** The bootstrap address of the shared broker, starting it on first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                new TopicProvisioner(admin, 30_000).ensure(Topics.ALL, PARTITIONS, 1);
            }
        }
        return bootstrapServers;
    }

    private static String start() {
        String forced = System.getProperty("tunnelwatch.it.kafka", "");
        if (!"embedded".equals(forced) && ("container".equals(forced) || dockerAnswers())) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-fixture-stop"));
            LOG.info("Integration tests use a Kafka container at {}", container.getBootstrapServers());
            return container.getBootstrapServers();
        }
        Path dataDir = tempDir();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
                EmbeddedBrokerConfig.defaults(dataDir).withPorts(PortProbe.freePort(), PortProbe.freePort()));
        broker.start();
        // The broker's logs of one suite run take gigabytes (the streams ITs write every peer-state change); a
        // machine that runs the suite often must not fill its /tmp with them.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            deleteQuietly(dataDir);
        }, "kafka-fixture-stop"));
        LOG.info("Integration tests use the embedded Kafka broker at {}", broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete the test broker's data directory {}: {}", dir, e.getMessage());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tunnelwatch-it-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
