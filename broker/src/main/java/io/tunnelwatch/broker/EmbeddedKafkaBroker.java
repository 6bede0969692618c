package io.tunnelwatch.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), running in this JVM from
 * Kafka's own server jars. Its storage is formatted on first start and reused afterwards, so topics, offsets and
 * Kafka Streams changelogs survive a restart.
 *
 * <p>In-process rather than a child JVM: one process to start, stop and size; no second classpath to assemble; the
 * shutdown order (collector flush, streams close, broker stop) is ours to control; and start-up is a few seconds
 * faster. The cost, a broker sharing the heap and GC of the collector, is acceptable for the one-machine all-in-one;
 * users who outgrow it point {@code --bootstrap-servers} at a real cluster with the same jars.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** How long a produce request may wait for the previous transaction's markers; under the 30 s request timeout. */
    private static final int TXN_MARKER_WAIT_MS = 5_000;

    private final EmbeddedBrokerConfig config;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(EmbeddedBrokerConfig config) {
        this.config = config;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return config.host() + ":" + config.port();
    }

    public Path logDirectory() {
        return config.dataDirectory().resolve("kafka");
    }

    /**
     * Formats the storage when it is new, starts the broker and waits until it answers clients.
     *
     * @throws BrokerStartException with a one-line reason when the ports are taken, the directory is locked or
     *                              unusable, or the broker does not come up in time
     */
    public void start() {
        PortProbe.requireFree(config.host(), config.port(), "embedded Kafka broker");
        PortProbe.requireFree(config.host(), config.controllerPort(), "embedded Kafka controller");
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(serverProperties());
        boolean reused = !formatStorageIfNew(kafkaConfig);
        try {
            server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            stopQuietly();
            throw new BrokerStartException("the embedded Kafka broker did not start: " + rootMessage(e), e);
        }
        awaitReady(config.startTimeout());
        if (reused) {
            abortHangingTransactions(config.startTimeout());
        }
        LOG.info("Embedded Kafka broker ready on {} (data in {})", bootstrapServers(), logDirectory());
    }

    /**
     * A restart may leave transactions open that nothing will ever close (HangingTransactions); they are aborted
     * before any client reads. Failing that, the start goes on: a broker without them is still better than none.
     */
    private void abortHangingTransactions(Duration timeout) {
        try (Admin admin = admin(timeout)) {
            HangingTransactions.abortAll(admin, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Could not look for transactions a restart left open: {}", rootMessage(e));
        }
    }

    Properties serverProperties() {
        String listener = "PLAINTEXT://" + config.host() + ":" + config.port();
        String controller = CONTROLLER_LISTENER + "://" + config.host() + ":" + config.controllerPort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + config.host() + ":" + config.controllerPort());
        p.put("listeners", listener + "," + controller);
        p.put("advertised.listeners", listener);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirectory().toAbsolutePath().toString());
        // A single node: every internal topic can only have one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", String.valueOf(config.defaultPartitions()));
        // Our topics are created explicitly; a typo in a client must not create a stray topic.
        p.put("auto.create.topics.enable", "false");
        // Nothing to wait for with one node: start consumer groups (Kafka Streams) at once.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", String.valueOf(config.retentionHours()));
        // Kafka Streams (exactly-once, transactions v2) writes the next transaction's records right after a commit,
        // while the broker may still be writing that commit's markers. The broker holds such a produce request until
        // the markers are written, but only for 100 ms by default; after that it answers CONCURRENT_TRANSACTIONS and
        // the producer retries with one warning per partition (dozens right after start on a busy machine, when the
        // first commits touch every partition). Held longer, the records are written once the markers are: no retry.
        p.put("add.partitions.to.txn.retry.backoff.max.ms", String.valueOf(TXN_MARKER_WAIT_MS));
        p.putAll(config.overrides());
        return p;
    }

    /** Returns whether it formatted new storage. */
    private boolean formatStorageIfNew(KafkaConfig kafkaConfig) {
        Path dir = logDirectory();
        if (Files.exists(dir.resolve("meta.properties"))) {
            LOG.info("Reusing Kafka storage in {}", dir);
            return false;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot create the Kafka data directory " + dir + ": " + e.getMessage(), e);
        }
        String clusterId = Uuid.randomUuid().toString();
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
                    .setDirectories(kafkaConfig.logDirs())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new BrokerStartException("cannot format Kafka storage in " + dir + ": " + rootMessage(e), e);
        }
        LOG.info("Formatted new Kafka storage in {} (cluster id {})", dir, clusterId);
        return true;
    }

    /** An admin client of this broker whose calls give up after {@code timeout}. */
    private Admin admin(Duration timeout) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = admin(timeout)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            stopQuietly();
            throw new BrokerStartException("the embedded Kafka broker did not answer within " + timeout.toSeconds()
                    + " s: " + rootMessage(e), e);
        }
    }

    /** Stops the broker and waits for it; safe to call twice. */
    @Override
    public void close() {
        if (server == null) {
            return;
        }
        LOG.info("Stopping the embedded Kafka broker");
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.debug("Ignored while stopping a broker that failed to start", e);
            server = null;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
