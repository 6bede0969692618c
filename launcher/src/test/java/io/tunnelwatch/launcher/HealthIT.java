package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} and {@code /readyz} of processes in this JVM against the fixture broker. To look at a process at
 * a given moment of its start, a rebalance or a restore, a readiness listener holds the thread that reported the
 * moment (a Kafka Streams thread) until the test has asked over HTTP.
 */
class HealthIT {

    @TempDir
    Path data;

    private final ExecutorService starter = Executors.newCachedThreadPool();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<FreezeOnce> freezes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        freezes.forEach(FreezeOnce::release);
        pipelines.forEach(Pipeline::close);
        starter.shutdownNow();
    }

    @Test
    void shouldAnswerHealthAtOnceButReadyOnlyOnceSyslogTrapsKafkaAndStreamsAreUp() throws Exception {
        int syslogPort = PortProbe.freePort();
        int trapPort = PortProbe.freePort();
        int httpPort = PortProbe.freePort();
        Pipeline pipeline = pipeline(FixturePipelines.config(data, FixturePipelines.syslog(syslogPort, true),
                httpPort, true, IngestConfig.defaults(), new SnmpSettings("127.0.0.1", trapPort, 8)));
        FreezeOnce rebalancing = freezeWhen(pipeline, report -> says(report, "streams", "REBALANCING"));

        Future<?> started = starter.submit(pipeline::start);
        rebalancing.awaitFrozen();
        try {
            assertThat(HealthProbe.get(httpPort, "/healthz")).isEqualTo(new HealthProbe.Answer(200, "ok\n"));
            HealthProbe.Answer ready = HealthProbe.get(httpPort, "/readyz");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).startsWith("not ready: ")
                    .containsPattern("(?m)^syslog +NOT READY +not listening yet$")
                    .containsPattern("(?m)^traps +NOT READY +not listening yet$")
                    .containsPattern("(?m)^streams +NOT READY +REBALANCING");
            assertThatThrownBy(() -> {
                try (Socket closed = new Socket()) {
                    closed.connect(new InetSocketAddress("127.0.0.1", syslogPort), 2000);
                }
            }).as("the syslog port is not open while /readyz says so").isInstanceOf(ConnectException.class);
        } finally {
            rebalancing.release();
        }
        started.get(120, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HealthProbe.Answer ready = HealthProbe.get(httpPort, "/readyz");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).startsWith("ready\n")
                    .containsPattern("(?m)^kafka +ready +\\S+ answered \\(1 broker\\(s\\)\\)$")
                    .containsPattern("(?m)^syslog +ready +listening on udp 127.0.0.1:" + syslogPort + ", tcp 127.0.0.1:"
                            + syslogPort + "$")
                    .containsPattern("(?m)^traps +ready +listening on udp 127.0.0.1:" + trapPort + "$")
                    .containsPattern("(?m)^streams +ready +RUNNING$");
        });
        try (Socket open = new Socket()) {
            open.connect(new InetSocketAddress("127.0.0.1", syslogPort), 2000);
        }
    }

    @Test
    void shouldNotBeReadyWhileAnotherStreamsInstanceJoinsAndTheGroupRebalances() throws Exception {
        String applicationId = "tw-it-" + UUID.randomUUID();
        int firstPort = PortProbe.freePort();
        Pipeline first = pipeline(FixturePipelines.streamsOnly(data.resolve("first"), firstPort, applicationId,
                DetectorSettings.defaults()));
        first.start();
        awaitReady(firstPort);
        FreezeOnce rebalancing = freezeWhen(first, report -> says(report, "streams", "REBALANCING"));

        int secondPort = PortProbe.freePort();
        Pipeline second = pipeline(FixturePipelines.streamsOnly(data.resolve("second"), secondPort, applicationId,
                DetectorSettings.defaults()));
        Future<?> secondStarted = starter.submit(second::start);
        rebalancing.awaitFrozen();
        try {
            assertThat(HealthProbe.get(firstPort, "/healthz").status()).isEqualTo(200);
            HealthProbe.Answer ready = HealthProbe.get(firstPort, "/readyz", "application/json");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).startsWith("{\"ready\":false,")
                    .contains("{\"name\":\"streams\",\"ready\":false,\"detail\":\"REBALANCING");
        } finally {
            rebalancing.release();
        }
        secondStarted.get(120, TimeUnit.SECONDS);

        awaitReady(firstPort);
        awaitReady(secondPort);
    }

    @Test
    void shouldNotBeReadyWhileItRestoresItsStoresFromTheChangelog() throws Exception {
        String applicationId = "tw-it-" + UUID.randomUUID();
        int syslogPort = PortProbe.freePort();
        int httpPort = PortProbe.freePort();
        Pipeline first = pipeline(new PipelineConfig(KafkaFixture.bootstrapServers(StreamsTopics.ALL), data, 0, 0,
                Duration.ofSeconds(30), KafkaFixture.PARTITIONS, 1, FixturePipelines.syslog(syslogPort, true),
                "127.0.0.1", httpPort, true, true, IngestConfig.defaults(), SnmpSettings.trapsOff(), applicationId));
        first.start();
        SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(12, "DOWN", "192.0.2.7", 500));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(MetricsScrape.peerPhase(httpPort, "127.0.0.1", "192.0.2.7")).isPresent());
        first.close();
        deleteRecursively(data.resolve("streams"));

        int secondPort = PortProbe.freePort();
        Pipeline second = pipeline(FixturePipelines.streamsOnly(data, secondPort, applicationId,
                DetectorSettings.defaults()));
        FreezeOnce restoring = freezeWhen(second, report -> {
            CheckStatus streams = report.status("streams");
            return !streams.ready() && streams.detail().contains("restoring");
        });
        Future<?> started = starter.submit(second::start);
        restoring.awaitFrozen();
        try {
            HealthProbe.Answer ready = HealthProbe.get(secondPort, "/readyz");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).containsPattern(
                    "(?m)^streams +NOT READY +.*restoring \\d+ store partition\\(s\\) from their changelogs$");
        } finally {
            restoring.release();
        }
        started.get(120, TimeUnit.SECONDS);
        awaitReady(secondPort);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Pipeline pipeline(PipelineConfig config) {
        Pipeline pipeline = new Pipeline(config);
        pipelines.add(pipeline);
        return pipeline;
    }

    private FreezeOnce freezeWhen(Pipeline pipeline, Predicate<Readiness.Report> moment) {
        FreezeOnce freeze = new FreezeOnce(moment);
        freezes.add(freeze);
        pipeline.readiness().addListener(freeze);
        return freeze;
    }

    private static boolean says(Readiness.Report report, String check, String detailStart) {
        CheckStatus status = report.status(check);
        return status != null && !status.ready() && status.detail().startsWith(detailStart);
    }

    private static void awaitReady(int httpPort) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            HealthProbe.Answer ready = HealthProbe.get(httpPort, "/readyz");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        });
    }

    /** Holds the reporting thread at the first report that matches, until released (at most a minute). */
    private static final class FreezeOnce implements Consumer<Readiness.Report> {

        private final Predicate<Readiness.Report> moment;
        private final CountDownLatch frozen = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean taken = new AtomicBoolean();

        FreezeOnce(Predicate<Readiness.Report> moment) {
            this.moment = moment;
        }

        @Override
        public void accept(Readiness.Report report) {
            if (moment.test(report) && taken.compareAndSet(false, true)) {
                frozen.countDown();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void awaitFrozen() throws InterruptedException {
            assertThat(frozen.await(120, TimeUnit.SECONDS)).as("the moment came").isTrue();
        }

        void release() {
            released.countDown();
        }
    }
}
