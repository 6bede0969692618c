package io.tunnelwatch.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.reject.RejectedRecords;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import io.tunnelwatch.streams.metrics.PeerFactsMetrics;
import io.tunnelwatch.streams.metrics.PeerPhaseMetrics;
import io.tunnelwatch.streams.metrics.PeerTrafficMetrics;
import io.tunnelwatch.streams.metrics.StreamsProgressMetrics;
import io.tunnelwatch.streams.peer.PeerStateListeners;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streams-app role, wired: topology, Kafka Streams, per-peer phase, traffic, facts and alert metrics. */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    /**
     * How often the Kafka Streams binder looks for new client metrics: the series of a task assigned after a
     * rebalance appear within this time (Micrometer's default is a minute).
     */
    static final Duration METRICS_REFRESH = Duration.ofSeconds(10);

    private final StreamsSettings settings;
    private final MeterRegistry registry;
    private final PeerPhaseMetrics peerMetrics;
    private final PeerAlertMetrics alertMetrics;
    private final PeerTrafficMetrics trafficMetrics;
    private final PeerFactsMetrics factsMetrics;
    private final DetectorSettings detectors;
    private final CountDownLatch running = new CountDownLatch(1);
    private final List<Runnable> progressListeners = new CopyOnWriteArrayList<>();
    private final RestoringPartitions restoring = new RestoringPartitions(this::progressed);
    private volatile KafkaStreams.State state;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private ScheduledExecutorService metricsRefresh;
    private StreamsProgressMetrics progressMetrics;

    /** With the default thresholds (docs/configuration.md#detector-thresholds). */
    public StreamsApp(StreamsSettings settings, MeterRegistry registry) {
        this(settings, registry, DetectorSettings.defaults());
    }

    public StreamsApp(StreamsSettings settings, MeterRegistry registry, DetectorSettings detectors) {
        this.settings = settings;
        this.registry = registry;
        this.detectors = Objects.requireNonNull(detectors, "detectors");
        this.peerMetrics = new PeerPhaseMetrics(registry);
        this.alertMetrics = new PeerAlertMetrics(registry);
        this.trafficMetrics = new PeerTrafficMetrics(registry);
        this.factsMetrics = new PeerFactsMetrics(registry);
    }

    public void start() {
        Topology topology = TunnelwatchTopology.build(new PeerStateListeners(peerMetrics, trafficMetrics,
                        factsMetrics, alertMetrics),
                alertMetrics, detectors);
        Properties properties = settings.toProperties();
        properties.put(RejectedRecords.CONFIG_KEY, new RejectedRecords(registry,
                List.of(Topics.EVENTS.name(), Topics.COUNTERS.name()), Clock.systemUTC()));
        streams = new KafkaStreams(topology, properties);
        state = streams.state();
        progressed();
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            state = now;
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            progressed();
        });
        streams.setGlobalStateRestoreListener(restoring);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("A stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metricsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tunnelwatch-kafka-metrics");
            thread.setDaemon(true);
            return thread;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), metricsRefresh, METRICS_REFRESH);
        streamsMetrics.bindTo(registry);
        progressMetrics = StreamsProgressMetrics.bind(streams::metrics, inputTopics(topology), registry);
        streams.start();
    }

    /** The topics the topology reads, its global stores' included. */
    private static Set<String> inputTopics(Topology topology) {
        TopologyDescription description = topology.describe();
        Set<String> topics = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                topics.addAll(source.topicSet());
            }
        }));
        description.globalStores().forEach(store -> topics.addAll(store.source().topicSet()));
        return topics;
    }

    /** Waits until the first assignment is processed; false when the time ran out. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Calls {@code listener} after every change of {@link #state()} or {@link #restoringPartitions()}, on the Kafka
     * Streams thread that made it; register before {@link #start()}.
     */
    public void onProgress(Runnable listener) {
        progressListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The Kafka Streams state; null before {@link #start()}. */
    public KafkaStreams.State state() {
        return state;
    }

    /** How many store partitions are being restored from their changelogs now. */
    public int restoringPartitions() {
        return restoring.count();
    }

    private void progressed() {
        for (Runnable listener : progressListeners) {
            listener.run();
        }
    }

    /** Queries of one peer's state; valid after {@link #start()}. */
    public io.tunnelwatch.streams.query.PeerQuery peerQuery() {
        String server = settings.applicationServer();
        org.apache.kafka.streams.state.HostInfo self = server == null
                ? null : org.apache.kafka.streams.state.HostInfo.buildFromEndpoint(server);
        return new io.tunnelwatch.streams.query.PeerQuery(streams, self);
    }

    public PeerPhaseMetrics peerMetrics() {
        return peerMetrics;
    }

    public PeerAlertMetrics alertMetrics() {
        return alertMetrics;
    }

    @Override
    public void close() {
        if (streams != null) {
            // Leave the group so a restarted or remaining instance gets the partitions at once.
            streams.close(CloseOptions.timeout(Duration.ofSeconds(10))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            metricsRefresh.shutdownNow();
        }
        if (progressMetrics != null) {
            progressMetrics.close();
        }
    }
}
