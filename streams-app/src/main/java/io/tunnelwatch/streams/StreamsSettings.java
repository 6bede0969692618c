package io.tunnelwatch.streams;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import io.tunnelwatch.streams.reject.SkipFailedRecords;
import io.tunnelwatch.streams.reject.SkipUnwritableOutputs;
import io.tunnelwatch.streams.reject.SkipUnreadableRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of the streams app.
 *
 * @param applicationId  the consumer group and prefix of internal topics; instances with the same id share the work
 * @param stateDirectory local RocksDB state; rebuilt from the changelog topics when lost
 * @param threads        stream threads of this instance
 * @param replication    replication factor of internal topics; -1 takes the broker default
 * @param staticMemberId a stable group.instance.id (static membership), so a restarted instance takes its
 *                       partitions back at once instead of waiting out the session of its crashed self; null for
 *                       dynamic membership. Must be unique per instance.
 * @param overrides      any further Kafka Streams properties, applied last
 * @param applicationServer this instance's {@code host:port} of its HTTP endpoint ({@code application.server}), so
 *                       a peer query for a key owned elsewhere can say where; null when not served
 */
public record StreamsSettings(
        String bootstrapServers,
        String applicationId,
        Path stateDirectory,
        int threads,
        int replication,
        String staticMemberId,
        Map<String, String> overrides,
        String applicationServer) {

    public static final String DEFAULT_APPLICATION_ID = "tunnelwatch";

    public StreamsSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        overrides = Map.copyOf(overrides);
    }

    /** Without an {@code application.server}: peer queries answer only for local keys. */
    public StreamsSettings(String bootstrapServers, String applicationId, Path stateDirectory, int threads,
                           int replication, String staticMemberId, Map<String, String> overrides) {
        this(bootstrapServers, applicationId, stateDirectory, threads, replication, staticMemberId, overrides, null);
    }

    public StreamsSettings withApplicationServer(String hostPort) {
        return new StreamsSettings(bootstrapServers, applicationId, stateDirectory, threads, replication,
                staticMemberId, overrides, hostPort);
    }

    public Properties toProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
        // A peer's state and its outputs commit together: no alert opened twice after a crash.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A peer that changes several times a second reaches its store's changelog once a second; what someone
        // waits for (alerts, the hops through the app's own topics) asks for an earlier commit itself
        // (topology.UrgentCommits, docs/performance.md#urgent-commits).
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        // The peer tracker's task reads events, counters and far ends, and does not wait for an empty one. Kafka
        // Streams' wait would order those inputs by record time across topics; the tracker does not rely on that (an
        // event goes where its time puts it among the recent ones, a poll older than the last SA change brings its
        // counters only). Waiting costs: the check formats log strings for every record while an input is empty
        // (docs/performance.md#the-engine-under-the-load-harness-profile).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // The state topics, the changelogs and the alerts are lz4 batches, as the collector writes the events: the
        // peer states' JSON and texts shrink several times over for a few per cent of the thread
        // (docs/performance.md#the-engine-under-the-load-harness-profile).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Every RocksDB store of the process shares one bounded block cache and memtable budget.
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // The global stores' processors share the tasks' processing exception handler (SkipFailedRecords),
        // as they will by default from Kafka 5.0; without it Kafka Streams warns each time it reads this config.
        // The partition assignor reads it again from the main consumer's settings, which carry only a few of these:
        // hand it there too (the consumer itself ignores it).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        // A record no serde reads is counted and skipped, not a stopped thread (RejectedRecords).
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnreadableRecords.class.getName());
        // A record one of our processors throws on is counted and skipped, not retried forever by replaced threads.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipFailedRecords.class.getName());
        // An output a sink cannot serialise is counted and dropped, not a stopped thread; a send the broker refuses
        // still fails the task.
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnwritableOutputs.class.getName());
        if (staticMemberId != null) {
            p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), staticMemberId);
        }
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        Properties props = new Properties();
        props.putAll(p);
        props.putAll(overrides);
        return props;
    }
}
