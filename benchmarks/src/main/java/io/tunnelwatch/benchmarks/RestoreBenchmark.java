package io.tunnelwatch.benchmarks;

import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.topology.PeerStateStoreSerde;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * {@code PeerTrackerBenchmark restore PEERS [ROUNDS]}: how long a streams instance that lost its disk takes to get
 * a fleet's peer states back. The real app (one stream thread, {@code exactly_once_v2}) on an embedded broker with
 * 12 partitions, as the all-in-one runs, builds the states of PEERS peers from ROUNDS poll rounds of
 * {@link FleetTraffic} (default 3) and closes; its state directory is deleted; a new instance of the same application
 * starts on an empty directory and is timed from {@code start()} until it is RUNNING, which Kafka Streams reaches
 * only once every store is restored from its changelog. One summary line: the records and bytes of the
 * {@code peer-state} changelog (on the broker, as stored), bytes per peer, and the restore time.
 */
final class RestoreBenchmark {

    private static final String APP_ID = "tunnelwatch-restore-bench";
    private static final int PARTITIONS = 12;
    private static final String CHANGELOG = APP_ID + "-" + TunnelwatchTopology.PEER_STATE_STORE + "-changelog";

    private RestoreBenchmark() {
    }

    static void run(int peers, int rounds) throws IOException, InterruptedException, ExecutionException {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(FleetTraffic.POLL.multipliedBy(rounds));
        FleetTraffic traffic = new FleetTraffic(peers, t0);
        BrokerThroughput.onEmbeddedBroker("tunnelwatch-bench-restore",
                (bootstrap, dir) -> measure(bootstrap, traffic, rounds, dir));
    }

    private static void measure(String bootstrap, FleetTraffic traffic, int rounds, Path dir)
            throws InterruptedException, ExecutionException, IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin, 30_000).ensure(StreamsTopics.ALL, PARTITIONS, 1);
            long produced = 0;
            long built = System.nanoTime();
            try (BrokerThroughput.Load load = new BrokerThroughput.Load(bootstrap);
                 KafkaStreams first = app(bootstrap, dir.resolve("state-first"))) {
                first.start();
                for (int r = 0; r < rounds; r++) {
                    produced += traffic.round(r, load);
                    System.err.printf(Locale.ROOT, "restore-bench: round %d of %d produced (%,d records)%n",
                            r + 1, rounds, produced);
                }
                load.flush();
                BrokerThroughput.awaitConsumed(admin, APP_ID, produced);
                // Kafka Streams stays in its group on close by default; the next instance would wait out the session.
                first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofMinutes(1)));
            }
            double buildS = (System.nanoTime() - built) / 1e9;
            Utils.delete(dir.resolve("state-first").toFile());
            long changelogBytes;
            try (PipelineProbe probe = new PipelineProbe(bootstrap, APP_ID, Topics.EVENTS.name())) {
                changelogBytes = probe.topicBytes(CHANGELOG);
            }

            Restore restore = restore(bootstrap, dir.resolve("state-second"));
            System.out.printf(Locale.ROOT, "peer-tracker-restore peers=%d rounds=%d input_records=%d build_s=%.1f"
                            + " changelog_bytes=%d changelog_bytes_per_peer=%.0f %s%n", traffic.peers(), rounds,
                    produced, buildS, changelogBytes, (double) changelogBytes / traffic.peers(), restore.fields());
        }
    }

    /**
     * {@code restore-full PEERS}: the same restore of PEERS peers whose states are the worst case
     * ({@link FullHistoryStates}: every bounded list full), written straight into the {@code peer-state} changelog,
     * as the store's serde writes them, after a first instance created it.
     */
    static void runFullHistory(int peers) throws IOException, InterruptedException, ExecutionException {
        BrokerThroughput.onEmbeddedBroker("tunnelwatch-bench-restore-full", (bootstrap, dir) -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicProvisioner(admin, 30_000).ensure(StreamsTopics.ALL, PARTITIONS, 1);
            }
            try (KafkaStreams first = app(bootstrap, dir.resolve("state-first"))) {
                awaitRunning(first, Duration.ofMinutes(2));
                first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofMinutes(1)));
            }
            Utils.delete(dir.resolve("state-first").toFile());
            long stateBytes = 0;
            long written = System.nanoTime();
            Serializer<PeerKey> keys = Topics.EVENTS.keySerde().serializer();
            Serializer<PeerState> states = new PeerStateStoreSerde().serializer();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                    ProducerConfig.LINGER_MS_CONFIG, 20,
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int n = 0; n < peers; n++) {
                    byte[] value = states.serialize(CHANGELOG, FullHistoryStates.of(n));
                    stateBytes += value.length;
                    producer.send(new ProducerRecord<>(CHANGELOG, keys.serialize(CHANGELOG, FullHistoryStates.key(n)),
                            value));
                    if ((n + 1) % 20_000 == 0) {
                        System.err.printf(Locale.ROOT, "restore-bench: %,d of %,d states written%n", n + 1, peers);
                    }
                }
            }
            double writeS = (System.nanoTime() - written) / 1e9;
            long changelogBytes;
            try (PipelineProbe probe = new PipelineProbe(bootstrap, APP_ID, Topics.EVENTS.name())) {
                changelogBytes = probe.topicBytes(CHANGELOG);
            }
            Restore restore = restore(bootstrap, dir.resolve("state-second"));
            System.out.printf(Locale.ROOT, "peer-tracker-restore-full peers=%d state_bytes_per_peer=%.0f write_s=%.1f"
                            + " changelog_bytes=%d changelog_bytes_per_peer=%.0f %s%n", peers,
                    (double) stateBytes / peers, writeS, changelogBytes, (double) changelogBytes / peers,
                    restore.fields());
        });
    }

    private record Restore(long records, double restoringSeconds, double startToRunningSeconds) {
        String fields() {
            return String.format(Locale.ROOT, "restored_records=%d restoring_s=%.1f start_to_running_s=%.1f", records,
                    restoringSeconds, startToRunningSeconds);
        }
    }

    /** A new instance on the empty {@code stateDir}, timed from {@code start()} until it is RUNNING. */
    private static Restore restore(String bootstrap, Path stateDir) throws InterruptedException {
        Counting counting = new Counting();
        try (KafkaStreams second = app(bootstrap, stateDir)) {
            second.setGlobalStateRestoreListener(counting);
            long start = System.nanoTime();
            awaitRunning(second, Duration.ofMinutes(30));
            return new Restore(counting.restored.get(), counting.restoringSeconds(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the instance was not RUNNING after " + timeout);
        }
    }

    private static KafkaStreams app(String bootstrap, Path stateDir) {
        var settings = new StreamsSettings(bootstrap, APP_ID, stateDir, 1, 1, null,
                BrokerThroughput.streamsOverrides());
        return new KafkaStreams(TunnelwatchTopology.build(PeerStateListener.NONE, PeerStateListener.NONE,
                DetectorSettings.defaults()), settings.toProperties());
    }

    /** Counts the records restored into the peer-state store, and times from the first store's start to the last's end. */
    private static final class Counting implements StateRestoreListener {
        private final AtomicLong restored = new AtomicLong();
        private final AtomicLong firstStart = new AtomicLong();
        private final AtomicLong lastEnd = new AtomicLong();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            firstStart.compareAndSet(0, System.nanoTime());
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long batchRecords) {
            if (store.equals(TunnelwatchTopology.PEER_STATE_STORE)) {
                restored.addAndGet(batchRecords);
            }
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            lastEnd.set(System.nanoTime());
        }

        double restoringSeconds() {
            return firstStart.get() == 0 ? 0 : (lastEnd.get() - firstStart.get()) / 1e9;
        }
    }
}
