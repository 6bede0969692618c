package io.tunnelwatch.launcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.broker.PortProbe;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The Kafka allow-list on a Prometheus registry, with meters named and tagged as Micrometer's Kafka binders name
 * them: the kept ones are served (latencies in seconds), the others are not, and the option serves them all.
 */
class KafkaMeterFilterTest {

    private static final String THREAD = "tunnelwatch-1b2c-StreamThread-1";
    private static final String CONSUMER = THREAD + "-consumer";

    private static PrometheusMeterRegistry registry(KafkaMeterFilter filter) {
        PrometheusMeterRegistry registry = new SecondsPrometheusRegistry();
        registry.config().meterFilter(filter);
        return registry;
    }

    /** A few meters of each kind the Kafka Streams binder registers, kept and dropped ones. */
    private static void registerLikeTheStreamsBinder(MeterRegistry registry) {
        // Kafka's failed-stream-threads: a count whose Kafka name has no "total"; Prometheus' naming adds it.
        counter(registry, "kafka.stream.failed.stream.threads", 0, "client.id", "tunnelwatch-1b2c");
        gauge(registry, "kafka.stream.thread.process.rate", 250.0, "thread.id", THREAD);
        counter(registry, "kafka.stream.thread.process.total", 12_000, "thread.id", THREAD);
        gauge(registry, "kafka.stream.thread.commit.latency.avg", 40.0, "thread.id", THREAD);
        counter(registry, "kafka.stream.task.dropped.records.total", 3, "thread.id", THREAD, "task.id", "0_1");
        gauge(registry, "kafka.stream.state.updater.active.restoring.tasks", 2, "thread.id", THREAD);
        counter(registry, "kafka.producer.record.error.total", 1, "client.id", THREAD + "-producer");
        gauge(registry, "kafka.consumer.fetch.manager.records.lag", 17, "client.id", CONSUMER,
                "topic", "tunnelwatch.events", "partition", "3");
        gauge(registry, "kafka.consumer.fetch.manager.records.lag.max", 17, "client.id", CONSUMER,
                "topic", "tunnelwatch.events", "partition", "3");
        gauge(registry, "kafka.stream.state.block.cache.capacity", 1 << 20, "thread.id", THREAD, "task.id", "0_1",
                "rocksdb.state.id", "peer-state");
        gauge(registry, "kafka.stream.processor.node.record.e2e.latency.avg", 5, "thread.id", THREAD,
                "task.id", "0_1", "processor.node.id", "peer-tracker");
        counter(registry, "kafka.consumer.io.time.ns.total", 1e9, "client.id", CONSUMER);
    }

    private static String scrapeLikeTheStreamsBinder(KafkaMeterFilter filter) {
        PrometheusMeterRegistry registry = registry(filter);
        registerLikeTheStreamsBinder(registry);
        return registry.scrape();
    }

    private static void gauge(MeterRegistry registry, String name, double value, String... tags) {
        Gauge.builder(name, () -> value).tags(tags).tag("kafka.version", "4.4.0").description(name)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, double value, String... tags) {
        FunctionCounter.builder(name, value, v -> v).tags(tags).tag("kafka.version", "4.4.0").description(name)
                .register(registry);
    }

    @Test
    void shouldServeTheKeptPipelineSeriesByDefault() {
        String page = scrapeLikeTheStreamsBinder(KafkaMeterFilter.keptOnly());

        assertThat(page).contains("kafka_stream_failed_stream_threads_total{",
                "kafka_stream_thread_process_rate{", "kafka_stream_thread_process_total{",
                "kafka_stream_task_dropped_records_total{", "kafka_stream_state_updater_active_restoring_tasks{",
                "kafka_producer_record_error_total{");
    }

    @Test
    void shouldDropPerPartitionPerStoreAndPerNodeSeriesByDefault() {
        String page = scrapeLikeTheStreamsBinder(KafkaMeterFilter.keptOnly());

        assertThat(page).doesNotContain("records_lag", "block_cache", "record_e2e_latency", "io_time_ns",
                "partition=");
    }

    @Test
    void shouldServeKafkasMillisecondLatenciesInSeconds() {
        String page = scrapeLikeTheStreamsBinder(KafkaMeterFilter.keptOnly());

        assertThat(page).contains("# TYPE kafka_stream_thread_commit_latency_avg_seconds gauge")
                .contains("kafka_stream_thread_commit_latency_avg_seconds{kafka_version=\"4.4.0\",thread_id=\""
                        + THREAD + "\"} 0.04\n")
                .doesNotContain("kafka_stream_thread_commit_latency_avg{");
    }

    @Test
    void shouldSayInTheHelpTextThatALatencyIsInSeconds() {
        PrometheusMeterRegistry registry = registry(KafkaMeterFilter.keptOnly());
        Gauge.builder("kafka.producer.request.latency.avg", () -> 12.0).tag("client.id", "p")
                .description("The average request latency in ms").register(registry);

        assertThat(registry.scrape())
                .contains("# HELP kafka_producer_request_latency_avg_seconds The average request latency, in seconds\n")
                .contains("kafka_producer_request_latency_avg_seconds{client_id=\"p\"} 0.012\n");
    }

    @Test
    void shouldServeEveryKafkaMeterWithTheOption() {
        String kept = scrapeLikeTheStreamsBinder(KafkaMeterFilter.keptOnly());

        assertThat(scrapeLikeTheStreamsBinder(KafkaMeterFilter.all()).lines())
                .containsAll(kept.lines().toList())
                .anyMatch(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag{")
                        && line.contains("partition=\"3\""))
                .anyMatch(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{"))
                .anyMatch(line -> line.startsWith("kafka_stream_state_block_cache_capacity{"))
                .anyMatch(line -> line.startsWith("kafka_stream_processor_node_record_e2e_latency_avg{"))
                .anyMatch(line -> line.startsWith("kafka_consumer_io_time_ns_total{"));
    }

    @Test
    void shouldLeaveOtherMetersAlone() {
        PrometheusMeterRegistry registry = registry(KafkaMeterFilter.keptOnly());
        registry.counter("tunnelwatch.kafka.published", "topic", "tunnelwatch.events").increment();
        registry.gauge("jvm.threads.live", 42);

        assertThat(registry.scrape()).contains("tunnelwatch_kafka_published_total{topic=\"tunnelwatch.events\"} 1.0",
                "jvm_threads_live 42.0");
    }

    @Test
    void shouldKeepEveryProducerSeriesOfTheListFromARealProducersBinder() {
        PrometheusMeterRegistry registry = registry(KafkaMeterFilter.keptOnly());
        // No broker needed: a producer registers its send, error and latency metrics when it is created.
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + PortProbe.freePort(), ProducerConfig.CLIENT_ID_CONFIG, "filter-test");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaClientMetrics metrics = new KafkaClientMetrics(producer)) {
            metrics.bindTo(registry);

            String page = registry.scrape();

            assertThat(List.of("kafka_producer_record_send_total", "kafka_producer_record_error_total",
                    "kafka_producer_record_retry_total", "kafka_producer_request_latency_avg_seconds",
                    "kafka_producer_request_latency_max_seconds", "kafka_producer_buffer_available_bytes"))
                    .allSatisfy(name -> assertThat(page).contains("\n" + name + "{client_id=\"filter-test\""));
            assertThat(KafkaMeterFilter.KEPT.stream().filter(name -> name.startsWith("kafka.producer."))).hasSize(6);
            assertThat(page).doesNotContain("kafka_producer_batch_size_avg", "kafka_producer_io_time_ns_total",
                    "kafka_producer_request_latency_avg{");
        }
    }
}
