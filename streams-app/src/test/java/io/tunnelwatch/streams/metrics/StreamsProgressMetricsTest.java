package io.tunnelwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lag per topic and restore left, summed from Kafka client metrics as a Kafka Streams instance has them: per
 * partition, per consumer, each topic twice (with dots and, deprecated, with underscores), per task.
 */
class StreamsProgressMetricsTest {

    private static final String EVENTS = "tunnelwatch.events";
    private static final String COUNTERS = "tunnelwatch.counters";
    private static final String STATUS = "tunnelwatch.device-status";
    private static final String MAIN = "tw-1b2c-StreamThread-1-consumer";
    private static final String GLOBAL = "tw-1b2c-global-consumer";
    private static final String RESTORE = "tw-1b2c-StateUpdater-1-restore-consumer";

    private final Metrics metrics = new Metrics();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void close() {
        metrics.close();
    }

    private void lag(String client, String topic, int partition, double records) {
        metrics.addMetric(new MetricName(StreamsProgressMetrics.RECORDS_LAG, StreamsProgressMetrics.FETCH_GROUP, "",
                        Map.of("client-id", client, "topic", topic, "partition", String.valueOf(partition))),
                (config, now) -> records);
    }

    private void restoreRemaining(String task, double records) {
        metrics.addMetric(new MetricName(StreamsProgressMetrics.RESTORE_REMAINING, StreamsProgressMetrics.TASK_GROUP,
                "", Map.of("thread-id", "tw-1b2c-StreamThread-1", "task-id", task)), (config, now) -> records);
    }

    private StreamsProgressMetrics bind() {
        return StreamsProgressMetrics.bind(metrics::metrics, Set.of(EVENTS, COUNTERS, STATUS), registry, nanos::get);
    }

    private double lagGauge(String topic) {
        return registry.get(TunnelwatchMeters.STREAMS_LAG.meterName()).tag("topic", topic).gauge().value();
    }

    private double restoreGauge() {
        return registry.get(TunnelwatchMeters.STREAMS_RESTORE_REMAINING.meterName()).gauge().value();
    }

    @Test
    void shouldSumTheLagOfEveryPartitionOfATopic() {
        lag(MAIN, EVENTS, 0, 10);
        lag(MAIN, EVENTS, 1, 5);
        lag(MAIN, EVENTS, 7, 0);
        lag(MAIN, COUNTERS, 0, 3);
        bind();

        assertThat(lagGauge(EVENTS)).isEqualTo(15.0);
        assertThat(lagGauge(COUNTERS)).isEqualTo(3.0);
    }

    @Test
    void shouldCountTheGlobalConsumerButNeitherTheRestoreConsumerNorTheUnderscoreDuplicates() {
        lag(GLOBAL, STATUS, 0, 4);
        lag(GLOBAL, "tunnelwatch_device-status", 0, 4);
        lag(MAIN, EVENTS, 2, 6);
        lag(MAIN, "tunnelwatch_events", 2, 6);
        lag(RESTORE, EVENTS, 2, 1000);
        bind();

        assertThat(lagGauge(STATUS)).isEqualTo(4.0);
        assertThat(lagGauge(EVENTS)).isEqualTo(6.0);
        assertThat(registry.find(TunnelwatchMeters.STREAMS_LAG.meterName()).gauges()).hasSize(3);
    }

    @Test
    void shouldServeZeroForATopicWithNoPartitionHereOrNoFetchYet() {
        lag(MAIN, EVENTS, 0, Double.NaN);
        bind();

        assertThat(lagGauge(EVENTS)).isZero();
        assertThat(lagGauge(COUNTERS)).isZero();
    }

    @Test
    void shouldSumTheRecordsLeftToRestoreOverTasks() {
        restoreRemaining("0_1", 1200);
        restoreRemaining("0_4", 300);
        restoreRemaining("1_4", 0);
        bind();

        assertThat(restoreGauge()).isEqualTo(1500.0);
    }

    @Test
    void shouldReadTheClientMetricsAtMostOnceASecond() {
        lag(MAIN, EVENTS, 0, 10);
        bind();
        assertThat(lagGauge(EVENTS)).isEqualTo(10.0);

        lag(MAIN, EVENTS, 1, 5);
        assertThat(lagGauge(EVENTS)).as("same second").isEqualTo(10.0);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(lagGauge(EVENTS)).as("a second later").isEqualTo(15.0);
    }

    @Test
    void shouldRemoveItsGaugesWhenClosed() {
        StreamsProgressMetrics progress = bind();
        assertThat(registry.getMeters()).hasSize(4);

        progress.close();

        assertThat(registry.getMeters()).isEmpty();
    }
}
