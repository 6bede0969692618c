package io.tunnelwatch.testsupport;

import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.events.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one Kafka of the integration tests in a JVM: the same embedded broker that {@code tunnelwatch run} starts, on
 * free ports, so the suite always tests the Kafka version tunnelwatch ships with. Started on first use, stopped when
 * the JVM exits. The topics are those its callers name (tunnelwatch's list, {@code StreamsTopics.ALL}, lives in the
 * streams app, which this module does not see), created with {@value #PARTITIONS} partitions.
 *
 * <p>Each test class finds the topics empty ({@link FreshTopicsPerTestClass}): a streams app under a new application
 * id reads its input topics from the start, and without that it would replay every record the earlier classes of the
 * JVM left, more with each class (the re-keying topics grow with every app that replays them), before reaching the
 * records of its own test.
 *
 * <p>{@code -Dtunnelwatch.it.kafka=container} runs the suite against a Testcontainers {@link KafkaContainer}
 * instead (a Docker engine and its image registry must answer); {@code embedded} is the default.
 */
public final class KafkaFixture {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    public static final int PARTITIONS = 3;

    private static String bootstrapServers;
    /** The topics created so far, by name. */
    private static final Map<String, Topic<?, ?>> created = new LinkedHashMap<>();

    private KafkaFixture() {
    }

    /** The bootstrap address of the shared broker, starting it on first call, with {@code topics} created. */
    public static synchronized String bootstrapServers(Collection<Topic<?, ?>> topics) {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        List<Topic<?, ?>> missing = topics.stream().filter(t -> !created.containsKey(t.name())).toList();
        if (!missing.isEmpty()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                new TopicProvisioner(admin, 30_000).ensure(missing, PARTITIONS, 1);
            }
            missing.forEach(t -> created.put(t.name(), t));
        }
        return bootstrapServers;
    }

    /**
     * Deletes every record of the topics it created that keep records by time (the compacted ones refuse
     * it; they hold a latest value per key and stay small), when the broker runs; starts nothing.
     */
    public static synchronized void deleteEarlierRecords() {
        if (bootstrapServers == null) {
            return;
        }
        List<String> names = created.values().stream().filter(t -> !t.compacted()).map(Topic::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
                    d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, RecordsToDelete> before = new HashMap<>();
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).forEach((tp, end) -> {
                if (end.offset() > 0) {
                    before.put(tp, RecordsToDelete.beforeOffset(end.offset()));
                }
            });
            admin.deleteRecords(before).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while emptying the test broker's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not empty the test broker's topics: " + e.getMessage(), e);
        }
    }

    private static String start() {
        String kind = System.getProperty("tunnelwatch.it.kafka", "embedded");
        return switch (kind) {
            case "embedded" -> startEmbedded();
            case "container" -> startContainer();
            default -> throw new IllegalArgumentException(
                    "-Dtunnelwatch.it.kafka=" + kind + ": expected embedded (the default) or container");
        };
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-fixture-stop"));
        LOG.info("Integration tests use a Kafka container at {}", container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startEmbedded() {
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
