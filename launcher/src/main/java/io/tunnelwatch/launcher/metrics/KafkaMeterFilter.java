package io.tunnelwatch.launcher.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * Which Kafka client and Kafka Streams meters (Micrometer's {@code KafkaStreamsMetrics} and
 * {@code KafkaClientMetrics} binders, named {@code kafka.*}) reach {@code /metrics}.
 *
 * <p>The binders register every metric of every client, most of them per partition, per task or per state store:
 * about 8,500 series for one all-in-one with 12 partitions. By default only the {@link #KEPT} list passes, the series
 * a dashboard or rule uses to tell whether the pipeline keeps up (records processed, commit latency, restore
 * progress, producer errors, rebalances); consumer lag per topic comes from the streams app's own
 * gauge, summed over partitions. With {@code all} every Kafka meter passes.
 *
 * <p>In both modes the kept latencies, which Kafka measures in milliseconds, get that base unit; the registry
 * ({@link SecondsPrometheusRegistry}) serves them in seconds, as the Prometheus conventions ask
 * ({@code kafka_stream_thread_commit_latency_avg_seconds}).
 */
public final class KafkaMeterFilter implements MeterFilter {

    static final String KAFKA_PREFIX = "kafka.";

    /** Kept Kafka latencies, measured in milliseconds: served in seconds. */
    static final Set<String> MILLISECOND_GAUGES = Set.of(
            "kafka.stream.thread.process.latency.avg",
            "kafka.stream.thread.process.latency.max",
            "kafka.stream.thread.commit.latency.avg",
            "kafka.stream.thread.commit.latency.max",
            "kafka.stream.thread.punctuate.latency.avg",
            "kafka.stream.thread.punctuate.latency.max",
            "kafka.producer.request.latency.avg",
            "kafka.producer.request.latency.max");

    /**
     * The Micrometer names kept by default (a counter's Prometheus name ends in {@code _total}, a latency's in
     * {@code _seconds}); docs/metrics.md lists each.
     */
    static final Set<String> KEPT = Set.of(
            // Kafka Streams client
            "kafka.stream.client.state",
            "kafka.stream.alive.stream.threads",
            "kafka.stream.failed.stream.threads",
            // stream threads: throughput, latencies, commits
            "kafka.stream.thread.process.rate",
            "kafka.stream.thread.process.total",
            "kafka.stream.thread.process.latency.avg",
            "kafka.stream.thread.process.latency.max",
            "kafka.stream.thread.commit.total",
            "kafka.stream.thread.commit.latency.avg",
            "kafka.stream.thread.commit.latency.max",
            "kafka.stream.thread.punctuate.latency.avg",
            "kafka.stream.thread.punctuate.latency.max",
            // records a task could not process (deserialization errors, bad timestamps)
            "kafka.stream.task.dropped.records.total",
            // restore progress, per state-updater thread
            "kafka.stream.state.updater.active.restoring.tasks",
            "kafka.stream.state.updater.restore.records.rate",
            // consumers: rebalances, assignment, a stuck poll loop
            "kafka.consumer.coordinator.rebalance.total",
            "kafka.consumer.coordinator.failed.rebalance.total",
            "kafka.consumer.coordinator.assigned.partitions",
            "kafka.consumer.last.poll.seconds.ago",
            // producers: sends, errors, retries, broker latency, buffer
            "kafka.producer.record.send.total",
            "kafka.producer.record.error.total",
            "kafka.producer.record.retry.total",
            "kafka.producer.request.latency.avg",
            "kafka.producer.request.latency.max",
            "kafka.producer.buffer.available.bytes");

    private final boolean all;

    private KafkaMeterFilter(boolean all) {
        this.all = all;
    }

    /** The allow-list: {@link #KEPT} Kafka meters pass, other Kafka meters are dropped. */
    public static KafkaMeterFilter keptOnly() {
        return new KafkaMeterFilter(false);
    }

    /** Every Kafka meter passes (renamed as in {@link #keptOnly()}). */
    public static KafkaMeterFilter all() {
        return new KafkaMeterFilter(true);
    }

    public static KafkaMeterFilter of(boolean all) {
        return all ? all() : keptOnly();
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        // Only the unit changes, never the name: the binder removes the meters of a closed client by their name.
        if (MILLISECOND_GAUGES.contains(id.getName()) && id.getBaseUnit() == null) {
            return id.withBaseUnit(SecondsPrometheusRegistry.MILLISECONDS);
        }
        return id;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (all || !id.getName().startsWith(KAFKA_PREFIX)) {
            return MeterFilterReply.NEUTRAL;
        }
        return KEPT.contains(id.getName()) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
    }
}
