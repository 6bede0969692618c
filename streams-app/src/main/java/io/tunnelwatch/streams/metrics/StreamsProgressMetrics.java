package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether this streams instance keeps up, in two gauges summed from its Kafka client metrics: consumer lag per
 * input topic ({@link TunnelwatchMeters#STREAMS_LAG}) and changelog records left to restore
 * ({@link TunnelwatchMeters#STREAMS_RESTORE_REMAINING}).
 *
 * <p>Kafka reports lag per partition only (and Micrometer's binder then drops the per-client maximum, which has
 * fewer tags); served as is that is one series per partition, per consumer, twice (the topic tag with and without
 * dots). Summing here gives a series per topic. The restore consumer is left out: its lag is the restore, counted
 * by the second gauge from the tasks' {@code restore-remaining-records-total}.
 *
 * <p>The sums are read from one pass over the client metrics, at most once a {@link #REFRESH} per scrape.
 */
public final class StreamsProgressMetrics implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(1);
    static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    static final String RECORDS_LAG = "records-lag";
    static final String TASK_GROUP = "stream-task-metrics";
    static final String RESTORE_REMAINING = "restore-remaining-records-total";
    private static final String RESTORE_CONSUMER_SUFFIX = "restore-consumer";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Set<String> topics;
    private final LongSupplier nanoTime;
    private final List<Meter> meters = new ArrayList<>();
    private MeterRegistry registry;
    private Progress progress = new Progress(Map.of(), 0);
    private long readAt;
    private boolean read;

    StreamsProgressMetrics(Supplier<Map<MetricName, ? extends Metric>> metrics, Set<String> topics,
                           LongSupplier nanoTime) {
        this.metrics = metrics;
        this.topics = Set.copyOf(topics);
        this.nanoTime = nanoTime;
    }

    /**
     * Registers a lag gauge for each of {@code topics} (the topology's input topics) and the restore gauge.
     *
     * @param metrics the client metrics, e.g. {@code KafkaStreams::metrics}
     */
    public static StreamsProgressMetrics bind(Supplier<Map<MetricName, ? extends Metric>> metrics, Set<String> topics,
                                              MeterRegistry registry) {
        return bind(metrics, topics, registry, System::nanoTime);
    }

    static StreamsProgressMetrics bind(Supplier<Map<MetricName, ? extends Metric>> metrics, Set<String> topics,
                                       MeterRegistry registry, LongSupplier nanoTime) {
        StreamsProgressMetrics progress = new StreamsProgressMetrics(metrics, topics, nanoTime);
        progress.registry = registry;
        for (String topic : progress.topics) {
            progress.meters.add(Gauge.builder(TunnelwatchMeters.STREAMS_LAG.meterName(), progress, p -> p.lag(topic))
                    .baseUnit(TunnelwatchMeters.STREAMS_LAG.baseUnit())
                    .description(TunnelwatchMeters.STREAMS_LAG.description())
                    .tag("topic", topic)
                    .register(registry));
        }
        progress.meters.add(Gauge.builder(TunnelwatchMeters.STREAMS_RESTORE_REMAINING.meterName(), progress,
                        StreamsProgressMetrics::restoreRemaining)
                .baseUnit(TunnelwatchMeters.STREAMS_RESTORE_REMAINING.baseUnit())
                .description(TunnelwatchMeters.STREAMS_RESTORE_REMAINING.description())
                .register(registry));
        return progress;
    }

    /** Removes the gauges: the client they read is closed. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    /** Records behind the end of {@code topic}, over the partitions this instance reads; 0 when it reads none. */
    double lag(String topic) {
        return current().lagByTopic().getOrDefault(topic, 0.0);
    }

    double restoreRemaining() {
        return current().restoreRemaining();
    }

    private synchronized Progress current() {
        long now = nanoTime.getAsLong();
        if (!read || now - readAt >= REFRESH.toNanos()) {
            progress = sum(metrics.get(), topics);
            readAt = now;
            read = true;
        }
        return progress;
    }

    /** One pass over the client metrics: lag per topic of {@code topics}, restore left over all tasks. */
    static Progress sum(Map<MetricName, ? extends Metric> metrics, Set<String> topics) {
        Map<String, Double> lag = new HashMap<>();
        double restore = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (FETCH_GROUP.equals(name.group()) && RECORDS_LAG.equals(name.name())) {
                String topic = name.tags().get("topic");
                String client = name.tags().getOrDefault("client-id", "");
                if (topic != null && topics.contains(topic) && !client.endsWith(RESTORE_CONSUMER_SUFFIX)) {
                    lag.merge(topic, value(e.getValue()), Double::sum);
                }
            } else if (TASK_GROUP.equals(name.group()) && RESTORE_REMAINING.equals(name.name())) {
                restore += value(e.getValue());
            }
        }
        return new Progress(lag, restore);
    }

    /** A metric's number; 0 before Kafka has one (NaN) or when it is not a number. */
    private static double value(Metric metric) {
        return metric.metricValue() instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
    }

    record Progress(Map<String, Double> lagByTopic, double restoreRemaining) {
    }
}
