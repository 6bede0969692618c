package io.tunnelwatch.benchmarks;

import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerStateListener;
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
import org.apache.kafka.common.TopicPartition;
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

            Counting counting = new Counting();
            CountDownLatch running = new CountDownLatch(1);
            try (KafkaStreams second = app(bootstrap, dir.resolve("state-second"))) {
                second.setGlobalStateRestoreListener(counting);
                second.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.RUNNING) {
                        running.countDown();
                    }
                });
                long start = System.nanoTime();
                second.start();
                if (!running.await(30, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the second instance was not RUNNING after 30 minutes");
                }
                double restoreS = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "peer-tracker-restore peers=%d rounds=%d input_records=%d build_s=%.1f"
                                + " changelog_bytes=%d changelog_bytes_per_peer=%.0f restored_records=%d"
                                + " restoring_s=%.1f start_to_running_s=%.1f%n",
                        traffic.peers(), rounds, produced, buildS, changelogBytes,
                        (double) changelogBytes / traffic.peers(), counting.restored.get(),
                        counting.restoringSeconds(), restoreS);
            }
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
