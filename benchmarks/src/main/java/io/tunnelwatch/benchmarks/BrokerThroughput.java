package io.tunnelwatch.benchmarks;

import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code PeerTrackerBenchmark broker PEERS ROUNDS [WARMUP]}: the {@link FleetTraffic} rounds through the real
 * streams app (one stream thread, {@code exactly_once_v2}, commits as configured in {@link StreamsSettings}, or as
 * {@link #streamsOverrides} say) on an embedded single-node broker in this JVM, one partition per topic. The warm-up
 * rounds are produced and consumed first; then the measured rounds are produced at once and timed until the app has
 * committed every input offset, so the stream thread works through a backlog flat out. CPU is reported three ways:
 * the StreamThread alone (the per-core figure of the app), every thread of the app's clients (its producer and
 * consumer I/O threads too), and the whole process (which also holds the broker and the load producer).
 */
final class BrokerThroughput {

    private static final String APP_ID = "tunnelwatch-bench";

    private BrokerThroughput() {
    }

    static void run(int peers, int rounds, int warmup) throws IOException, InterruptedException, ExecutionException {
        // Receive times in the recent past, as the collector stamps them, ending about now.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(FleetTraffic.POLL.multipliedBy(rounds));
        FleetTraffic traffic = new FleetTraffic(peers, t0);
        onEmbeddedBroker("tunnelwatch-bench-broker", (bootstrap, dir) ->
                measure(bootstrap, traffic, peers, rounds, warmup, dir));
    }

    /** What runs against the broker: its bootstrap servers and a scratch directory, both gone afterwards. */
    interface BrokerWork {
        void run(String bootstrap, Path dir) throws IOException, InterruptedException, ExecutionException;
    }

    /** Starts a single-node embedded broker on free ports in a temporary directory, runs {@code work}, deletes it all. */
    static void onEmbeddedBroker(String dirPrefix, BrokerWork work)
            throws IOException, InterruptedException, ExecutionException {
        Path dir = Files.createTempDirectory(dirPrefix);
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults(dir.resolve("kafka"))
                .withPorts(PortProbe.freePort(), PortProbe.freePort());
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config)) {
            broker.start();
            work.run(broker.bootstrapServers(), dir);
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private static void measure(String bootstrap, FleetTraffic traffic, int peers, int rounds, int warmup,
            Path dir)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             Load load = new Load(bootstrap)) {
            new TopicProvisioner(admin, 30_000).ensure(StreamsTopics.ALL, 1, 1);
            var settings = new StreamsSettings(bootstrap, APP_ID, dir.resolve("state"), 1, 1, null,
                    streamsOverrides());
            try (KafkaStreams streams = new KafkaStreams(TunnelwatchTopology.build(PeerStateListener.NONE,
                    PeerStateListener.NONE, DetectorSettings.defaults()), settings.toProperties())) {
                long produced = 0;
                for (int r = 0; r < warmup; r++) {
                    produced += traffic.round(r, load);
                }
                load.flush();
                streams.start();
                awaitConsumed(admin, produced);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long stream0 = cpuOf(threads, "StreamThread-");
                long app0 = cpuOf(threads, APP_ID);
                long cpu0 = processCpuNanos();
                long wall0 = System.nanoTime();
                long records = 0;
                for (int r = warmup; r < rounds; r++) {
                    records += traffic.round(r, load);
                }
                load.flush();
                awaitConsumed(admin, produced + records);
                double wallS = (System.nanoTime() - wall0) / 1e9;
                double streamS = (cpuOf(threads, "StreamThread-") - stream0) / 1e9;
                double appS = (cpuOf(threads, APP_ID) - app0) / 1e9;
                double cpuS = (processCpuNanos() - cpu0) / 1e9;
                System.out.printf("peer-tracker-broker peers=%d rounds=%d records=%d wall_s=%.1f"
                                + " records_per_s=%.0f stream_thread_cpu_s=%.1f records_per_stream_thread_cpu_s=%.0f"
                                + " app_threads_cpu_s=%.1f records_per_app_cpu_s=%.0f process_cpu_s=%.1f%n",
                        peers, rounds - warmup, records, wallS, records / wallS, streamS, records / streamS,
                        appS, records / appS, cpuS);
            }
        }
    }

    /**
     * Kafka Streams settings to try against the app's own, from system properties prefixed {@code streams.}
     * ({@code -Dstreams.commit.interval.ms=1000}), so two settings run side by side from one jar.
     */
    static Map<String, String> streamsOverrides() {
        Map<String, String> overrides = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("streams."))
                .forEach(n -> overrides.put(n.substring("streams.".length()), System.getProperty(n)));
        if (!overrides.isEmpty()) {
            System.err.println("streams overrides: " + overrides);
        }
        return overrides;
    }

    /** Waits until the app has committed an offset past every record produced to its two input topics. */
    static void awaitConsumed(Admin admin, long produced) throws InterruptedException, ExecutionException {
        awaitConsumed(admin, APP_ID, produced);
    }

    static void awaitConsumed(Admin admin, String appId, long produced)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata().get();
            long committed = offsets.entrySet().stream()
                    .filter(e -> e.getKey().toString().startsWith(Topics.EVENTS.name() + "-")
                            || e.getKey().toString().startsWith(Topics.COUNTERS.name() + "-"))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset())
                    .sum();
            if (committed >= produced) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the app did not consume " + produced + " records in 30 minutes");
    }

    /** CPU time so far of the live threads whose name contains {@code part}. */
    private static long cpuOf(ThreadMXBean threads, String part) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(part)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Produces the fleet's records as the collector would: keyed {@code device|peer}, the receive time as timestamp. */
    static final class Load implements FleetTraffic.Sink, AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final Serializer<PeerKey> keys = Topics.EVENTS.keySerde().serializer();
        private final Serializer<TunnelEvent> events = Topics.EVENTS.valueSerde().serializer();
        private final Serializer<CounterSample> samples = Topics.COUNTERS.valueSerde().serializer();

        Load(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void event(TunnelEvent e) {
            String topic = Topics.EVENTS.name();
            producer.send(new ProducerRecord<>(topic, null, e.receivedAt().toEpochMilli(),
                    keys.serialize(topic, e.key()), events.serialize(topic, e)));
        }

        @Override
        public void sample(CounterSample s) {
            String topic = Topics.COUNTERS.name();
            producer.send(new ProducerRecord<>(topic, null, s.polledAt().toEpochMilli(),
                    keys.serialize(topic, s.key()), samples.serialize(topic, s)));
        }

        void flush() {
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
