package io.tunnelwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadHarnessOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingJarIsNamedWithHowToBuildIt() {
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", dir.resolve("nope.jar").toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("no such file").hasMessageContaining("nope.jar").hasMessageContaining("mvn");
    }

    @Test
    void anUnknownTransportIsRefused() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", jar.toString(), "--transport", "sctp"))
                .hasMessageContaining("tcp or udp");
    }

    @Test
    void theDefaultsAreTheLoadOfTheEngineMeasurements() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        HarnessOptions options = HarnessOptions.parse("--jar", jar.toString());
        assertThat(options.rate()).isEqualTo(20_000);
        assertThat(options.durationSeconds()).isEqualTo(10);
        assertThat(options.routers()).isEqualTo(200);
        assertThat(options.peers()).isEqualTo(50);
        assertThat(options.transport()).isEqualTo("tcp");
        assertThat(options.warmupSeconds()).isZero();
        assertThat(options.warmupRounds()).isEqualTo(1);
        assertThat(options.leadInSeconds()).isZero();
        assertThat(options.javaOpts()).isEmpty();
        assertThat(options.generatorJavaOpts()).isEmpty();
    }

    @Test
    void theJvmOptionsOfEachProcessAreTheirWordsBesideTheHeapAndTheJar() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        HarnessOptions options = HarnessOptions.parse("--jar", jar.toString(),
                "--java-opts", " -XX:+UseParallelGC  -Xlog:gc:file=gc.log ", "--generator-java-opts", "-XX:+UseSerialGC");

        assertThat(options.javaOpts()).containsExactly("-XX:+UseParallelGC", "-Xlog:gc:file=gc.log");
        assertThat(options.generatorJavaOpts()).containsExactly("-XX:+UseSerialGC");
        assertThat(AllInOneProcess.javaCommand(jar, "256m", options.generatorJavaOpts(), "simulate", "--load", "5"))
                .endsWith("-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "simulate", "--load", "5");
    }

    @Test
    void aMissingKafkaConfigIsNamed() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", jar.toString(), "--kafka-config",
                dir.resolve("nope.properties").toString()))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("nope.properties");
    }

    @Test
    void aNegativeWarmUpIsRefused() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", jar.toString(), "--warmup", "-5"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--warmup");
    }

    @Test
    void warmUpRoundsAreOneOrMoreAndRepeatAWarmUp() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", jar.toString(), "--warmup-rounds", "0"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--warmup-rounds");
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", jar.toString(), "--warmup-rounds", "2"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--warmup S");
        assertThat(HarnessOptions.parse("--jar", jar.toString(), "--warmup", "60", "--warmup-rounds", "2")
                .warmupRounds()).isEqualTo(2);
    }

    @Test
    void aNegativeLeadInIsRefused() throws Exception {
        Path jar = Files.createFile(dir.resolve("t.jar"));
        assertThatThrownBy(() -> HarnessOptions.parse("--jar", jar.toString(), "--lead-in", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--lead-in");
        assertThat(HarnessOptions.parse("--jar", jar.toString(), "--lead-in", "30").leadInSeconds()).isEqualTo(30);
    }

    @Test
    void theSummaryLineDividesByEventsAndTime() {
        HarnessResult result = new HarnessResult(100_000, 0, 10.0, 15.0, 25.0, 40_000,
                new HarnessResult.Lag(80_000, 3.25, 1.4, 0), 40_000_000, 10_000_000,
                512L * 1024 * 1024, new HarnessResult.Cpu(1.874, 0.16, 0.9, -1, 0.05),
                new HarnessResult.Engine(61, 490), "load: sent 200000 messages");
        assertThat(result.summaryLine("after")).isEqualTo("after events=100000 offered_events_per_s=10000"
                + " streams_events_per_s=4000 streams_events_per_s_in_load=4000 streams_events_per_s_in_drain=4000"
                + " peak_lag=80000 peak_lag_s=3.3 lag_over_2s_s=1.4 drain_s=15.0 broker_bytes_per_event=400"
                + " state_bytes_per_event_byte=3.00 rss_mb=512 allinone_cores_in_load=1.87 jit_cores_in_load=0.16"
                + " allinone_cores_in_drain=0.90 generator_cores=-1.00 harness_cores=0.05 commits=61 alerts_open=490"
                + " | load: sent 200000 messages");
    }

    @Test
    void eventsLeftOverFromALeadInCountAsWorkTheAppDid() {
        HarnessResult result = new HarnessResult(100_000, 20_000, 10.0, 2.0, 12.0, 110_000,
                new HarnessResult.Lag(30_000, 1.0, 0, 0), 40_000_000, 10_000_000,
                -1, new HarnessResult.Cpu(1, 1, 1, 1, 1), HarnessResult.Engine.UNKNOWN, "");
        assertThat(result.summaryLine("x")).contains(" offered_events_per_s=10000 streams_events_per_s=10000"
                + " streams_events_per_s_in_load=11000 streams_events_per_s_in_drain=5000 ")
                .contains(" lag_over_2s_s=0.0 lag_at_start=20000 drain_s=2.0 ")
                .endsWith(" commits=-1 alerts_open=-1 | ");
    }

    @Test
    void theEngineFieldsComeFromTheAppsMetrics() {
        Map<String, Double> before = OverloadHarness.parse("""
                # TYPE kafka_stream_thread_commit_total counter
                kafka_stream_thread_commit_total{kafka_version="4.4.0",thread_id="t-1"} 120.0
                kafka_stream_thread_commit_total{kafka_version="4.4.0",thread_id="t-2"} 30.0
                kafka_stream_thread_commit_latency_avg_seconds{thread_id="t-1"} 0.008
                tunnelwatch_alerts_open{alert="PeerUnreachable",severity="critical"} 3.0
                """);
        Map<String, Double> after = OverloadHarness.parse("""
                kafka_stream_thread_commit_total{kafka_version="4.4.0",thread_id="t-1"} 181.0
                kafka_stream_thread_commit_total{kafka_version="4.4.0",thread_id="t-2"} 40.0
                tunnelwatch_alerts_open{alert="PeerUnreachable",severity="critical"} 140.0
                tunnelwatch_alerts_open{alert="DecapsStalled",severity="critical"} 350.0
                tunnelwatch_alerts_opened_by_mistake_total 7.0
                """);

        assertThat(LoadHarness.engine(before, after)).isEqualTo(new HarnessResult.Engine(71, 490));
        assertThat(LoadHarness.engine(Map.of(), after)).as("unread").isEqualTo(HarnessResult.Engine.UNKNOWN);
    }

    @Test
    void samplesWhoseOldestEventWasNotReadBackAreCounted() {
        HarnessResult result = new HarnessResult(100_000, 0, 10.0, 15.0, 25.0, 40_000,
                new HarnessResult.Lag(80_000, 1.0, 0, 3), 40_000_000, 10_000_000,
                -1, new HarnessResult.Cpu(1, 1, 1, 1, 1), HarnessResult.Engine.UNKNOWN, "");
        assertThat(result.summaryLine("x")).contains(" peak_lag_s=1.0 lag_over_2s_s=0.0 lag_age_unread=3 drain_s=");
    }
}
