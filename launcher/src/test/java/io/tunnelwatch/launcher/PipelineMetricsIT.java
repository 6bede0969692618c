package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline series of a live all-in-one (collector and streams app on the fixture broker), scraped over HTTP:
 * the Kafka, JVM and process series a dashboard needs are served, the thousands of other Kafka series are not
 * (unless asked for), every family is in docs/metrics.md, and {@code promtool check metrics} finds nothing.
 */
class PipelineMetricsIT {

    private static final String DEVICE = "127.0.0.1";
    private static final String PEER = "192.0.2.41";
    private static final Pattern FAMILY = Pattern.compile("^# TYPE (\\w+) ", Pattern.MULTILINE);
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE);
    private static final Set<String> PIPELINE_PREFIXES = Set.of("kafka_", "jvm_", "process_", "system_");
    /** A small fleet's all-in-one serves about 35 KB: one peer, three partitions, no SNMP devices. */
    private static final int SMALL_FLEET_BYTES = 48 * 1024;

    @TempDir
    static Path data;

    private static Pipeline pipeline;
    private static int httpPort;
    private static String page;

    @BeforeAll
    static void startAPipelineAndLetItProcess() throws IOException {
        int syslogPort = PortProbe.freePort();
        httpPort = PortProbe.freePort();
        pipeline = new Pipeline(FixturePipelines.config(data, FixturePipelines.syslog(syslogPort, true), httpPort,
                true)).start();
        SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(21, "UP", PEER, 500));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                MetricsScrape.peerPhase(httpPort, DEVICE, PEER).equals(OptionalDouble.of(PeerPhase.IPSEC_UP.code())));
        // Task-level series appear once the binder's next look finds the assigned tasks (every 10 s).
        Set<String> kafkaDocumented = documented("kafka_");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(served(MetricsScrape.page(httpPort))).containsAll(kafkaDocumented));
        // jvm_gc_pause_seconds appears with the first collection after the registry bound the GC metrics; a class
        // that runs on empty topics may allocate too little for one, so one is asked for
        System.gc();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> MetricsScrape.page(httpPort).contains("\njvm_gc_pause_seconds_count{"));
        page = MetricsScrape.page(httpPort);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldServeWhetherThePipelineKeepsUp() {
        // summed over the stream threads: the one peer's partition is on one of them
        assertThat(sum(page, "kafka_stream_thread_process_total{")).isGreaterThanOrEqualTo(1.0);
        assertThat(firstValue(page, "kafka_stream_thread_commit_latency_max_seconds{")).isPresent();
        assertThat(MetricsScrape.value(page, "tunnelwatch_streams_lag_records{topic=\"tunnelwatch.events\"}"))
                .hasValue(0.0);
        assertThat(MetricsScrape.value(page, "tunnelwatch_streams_restore_remaining_records")).isPresent();
        assertThat(firstValue(page, "kafka_producer_record_send_total{client_id=\"tunnelwatch-collector\"")
                .orElse(-1)).isGreaterThanOrEqualTo(1.0);
        assertThat(firstValue(page, "kafka_producer_record_error_total{client_id=\"tunnelwatch-collector\""))
                .hasValue(0.0);
        assertThat(page).contains("\nprocess_cpu_seconds_total ", "\nprocess_files_open_files ",
                "\njvm_memory_used_bytes{", "\njvm_gc_pause_seconds_count{");
    }

    @Test
    void shouldRunTwoStreamThreadsByDefault() {
        assertThat(firstValue(page, "kafka_stream_alive_stream_threads{")).hasValue(2.0);
        assertThat(page.lines().filter(line -> line.startsWith("kafka_stream_thread_process_total{"))
                .map(line -> line.replaceAll(".*thread_id=\"([^\"]+)\".*", "$1")).distinct())
                .hasSize(2);
    }

    @Test
    void shouldServeNoKafkaSeriesPerPartitionStoreOrProcessorNodeByDefault() {
        Set<String> kafkaLines = page.lines().filter(line -> line.startsWith("kafka_")).collect(Collectors.toSet());

        assertThat(kafkaLines).isNotEmpty().noneMatch(line -> line.contains("partition=")
                || line.contains("rocksdb_state_id=") || line.contains("processor_node_id=")
                || line.contains("node_id="));
        assertThat(served(page)).noneMatch(family -> family.startsWith("kafka_admin_client_"));
    }

    @Test
    void shouldKeepTheScrapeOfASmallFleetSmall() {
        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(SMALL_FLEET_BYTES);
    }

    @Test
    void shouldListEveryServedPipelineFamilyInDocsMetricsMd() throws IOException {
        Set<String> pipelineServed = served(page).stream()
                .filter(family -> PIPELINE_PREFIXES.stream().anyMatch(family::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented("")).as("docs/metrics.md lists every pipeline family served")
                .containsAll(pipelineServed);
        assertThat(served(page)).as("every Kafka and process family docs/metrics.md lists is served")
                .containsAll(documented("kafka_")).containsAll(documented("process_"))
                .containsAll(documented("system_")).containsAll(documented("tunnelwatch_streams_"));
    }

    @Test
    void shouldPassPromtoolCheckMetrics() throws IOException, InterruptedException {
        Optional<Path> promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool.isPresent(), "promtool (Debian's prometheus package) is not installed");
        Path scrape = Files.writeString(data.resolve("scrape.prom"), page);
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String complaints = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(complaints).as("promtool check metrics").isEmpty();
        assertThat(check.exitValue()).isZero();
    }

    @Test
    void shouldServeEveryKafkaSeriesWithTheOption(@TempDir Path ownData) {
        int port = PortProbe.freePort();
        try (Pipeline all = new Pipeline(FixturePipelines.streamsOnly(ownData, port, "tw-it-" + UUID.randomUUID(),
                DetectorSettings.defaults()).withAllKafkaMetrics(true)).start()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(MetricsScrape.page(port)).contains("kafka_consumer_fetch_manager_records_lag{",
                            "partition=\"0\"", "kafka_stream_state_", "kafka_admin_client_"));
        }
    }

    private static OptionalDouble firstValue(String page, String seriesPrefix) {
        return values(page, seriesPrefix).findFirst();
    }

    private static double sum(String page, String seriesPrefix) {
        return values(page, seriesPrefix).sum();
    }

    /** The values of the series whose line starts with {@code seriesPrefix}, in the page's order. */
    private static DoubleStream values(String page, String seriesPrefix) {
        return page.lines().filter(line -> line.startsWith(seriesPrefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    private static Set<String> served(String page) {
        return FAMILY.matcher(page).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> documented(String prefix) throws IOException {
        return DOCUMENTED.matcher(Files.readString(Path.of("..", "docs", "metrics.md"))).results()
                .map(m -> m.group(1)).filter(name -> name.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, command)).filter(Files::isExecutable)
                .findFirst();
    }
}
