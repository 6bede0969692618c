package io.tunnelwatch.benchmarks;

import io.tunnelwatch.events.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * {@code LoadHarness [--jar JAR] [--label NAME] [--rate N] [--duration S] [--warmup S] [--warmup-rounds N]
 * [--lead-in S] [--routers N] [--peers N] [--transport tcp|udp] [--xmx SIZE] [--java-opts OPTS]
 * [--generator-java-opts OPTS] [--kafka-config FILE] [--trace FILE]}: drives the real all-in-one as a user would and
 * prints one summary line.
 *
 * <p>It starts {@code java -jar JAR run} (embedded broker, 12 partitions, free loopback ports, a temporary data
 * directory deleted at the end), waits for {@code /readyz}, plays {@code JAR simulate --load RATE --duration S} at it,
 * and watches the broker from beside it ({@link PipelineProbe}): events offered per second while the load ran, events
 * per second through the streams app (committed offsets of its consumer group, from the start of the load until it
 * has caught up), the peak committed lag, the drain time after the load ended, broker bytes written per input event
 * and per input byte, the all-in-one's peak RSS, and the cores the all-in-one used while the load ran (and of those,
 * its JIT compiler threads') and while it drained, and the cores the load generator used (its own JVM, on the same
 * box). Taking the jar as an argument lets two builds run side by side in one sitting (docs/performance.md, "Load
 * harness"). With {@code --warmup S} the same load is played for S seconds and drained first, and only the second
 * load is measured: the all-in-one's JIT has then compiled most of the hot path, as in a process that has run for a
 * while (how much is left shows in {@code jit_cores_in_load}: docs/performance.md#the-jits-long-tail). With
 * {@code --warmup-rounds N} the warm-up is played N times, each drained, so the measured load is not the first the
 * process meets after a quiet spell (docs/performance.md#the-first-load-after-a-quiet-spell). Each load is
 * a new {@code simulate} JVM on the same two cores; the measurement starts when it says {@code load: ready} (its JVM
 * started, its connections open and its own warm-up done). With {@code --lead-in S} the measured load's generator
 * plays S seconds before the measurement starts, so what is measured is a fleet that has been sending a while.
 * {@code --trace FILE} writes every sample as CSV, to see when in the run the lag grew.
 */
public final class LoadHarness {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final Duration LOAD_READY_TIMEOUT = Duration.ofSeconds(60);
    /** #16's bound on the lag at 30,000 events/s; the summary counts the time the lag spent above it. */
    private static final Duration LAG_TARGET = Duration.ofSeconds(2);
    private static final String COMMITS = "kafka_stream_thread_commit_total{";
    private static final String ALERTS_OPEN = "tunnelwatch_alerts_open{";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (CommandLine.ParameterException bad) {
            System.err.println("load-harness: " + bad.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("tunnelwatch-load-harness");
        try (AllInOneProcess allInOne = AllInOneProcess.startReady(options.jar(), options.xmx(), options.javaOpts(),
                dir, "run", options.runArguments());
             PipelineProbe probe = new PipelineProbe(allInOne.bootstrapServers(), "tunnelwatch",
                     Topics.EVENTS.name());
             PrintWriter trace = traceWriter(options)) {
            for (int round = 1; options.warmupSeconds() > 0 && round <= options.warmupRounds(); round++) {
                System.err.printf(Locale.ROOT, "load-harness: warm-up %d of %d, %d s of the same load%n", round,
                        options.warmupRounds(), options.warmupSeconds());
                drive(startReadyLoad(options, options.warmupSeconds(), allInOne, dir), probe, allInOne, dir,
                        new Trace(trace, round == 1 ? "warmup" : "warmup" + round));
            }
            Process load = startReadyLoad(options, options.leadInSeconds() + options.durationSeconds(), allInOne,
                    dir);
            HarnessResult result;
            try {
                if (options.leadInSeconds() > 0) {
                    System.err.printf(Locale.ROOT, "load-harness: lead-in, %d s of the load before it is measured%n",
                            options.leadInSeconds());
                    leadIn(load, Duration.ofSeconds(options.leadInSeconds()), probe, allInOne, dir,
                            new Trace(trace, "lead-in"));
                }
                result = drive(load, probe, allInOne, dir, new Trace(trace, "measured"));
            } finally {
                load.destroyForcibly(); // only if the harness failed: drive returns once the load has ended
            }
            System.out.println(result.summaryLine(options.label()));
        } finally {
            TempTree.delete(dir);
        }
    }

    private static PrintWriter traceWriter(HarnessOptions options) throws IOException {
        if (options.trace() == null) {
            return null;
        }
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(options.trace(), StandardCharsets.UTF_8));
        out.println("run,seconds,state,events,committed,lag,lag_seconds");
        return out;
    }

    /** Where a phase's samples go; a null writer writes nothing. */
    private record Trace(PrintWriter out, String run) {
        void sample(double seconds, boolean loading, PipelineProbe.Sample sample, PipelineProbe.Sample before) {
            if (out != null) {
                out.printf(Locale.ROOT, "%s,%.1f,%s,%d,%d,%d,%.3f%n", run, seconds, loading ? "loading" : "draining",
                        sample.end() - before.end(), sample.committed() - before.committed(), sample.lag(),
                        sample.lagMillis() / 1e3);
            }
        }
    }

    /**
     * Starts {@code JAR simulate --load} at the all-in-one for {@code seconds} and returns once it says it is ready:
     * its JVM started, its connections open and its own warm-up done, so what is measured from then on is the load.
     * Its output goes to simulate.log.
     */
    private static Process startReadyLoad(HarnessOptions options, long seconds, AllInOneProcess allInOne, Path dir)
            throws IOException, InterruptedException {
        Process load = startLoad(options, seconds, allInOne, dir);
        Path log = dir.resolve("simulate.log");
        long deadline = System.nanoTime() + LOAD_READY_TIMEOUT.toNanos();
        while (!Files.readString(log).contains("load: ready")) {
            if (!load.isAlive() || System.nanoTime() > deadline) {
                load.destroyForcibly();
                throw new IllegalStateException("simulate --load was not ready within " + LOAD_READY_TIMEOUT + ": "
                        + Files.readString(log));
            }
            Thread.sleep(20); // polling a log file that has no other signal
        }
        return load;
    }

    /** Starts {@code JAR simulate --load} at the all-in-one for {@code seconds}; its output goes to simulate.log. */
    private static Process startLoad(HarnessOptions options, long seconds, AllInOneProcess allInOne, Path dir)
            throws IOException {
        return new ProcessBuilder(AllInOneProcess.javaCommand(options.jar(), "256m", options.generatorJavaOpts(),
                "simulate", "--collector", "127.0.0.1:" + allInOne.syslogPort, "--transport", options.transport(),
                "--routers", Integer.toString(options.routers()), "--peers", Integer.toString(options.peers()),
                "--load", Long.toString(options.rate()), "--duration", Long.toString(seconds)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("simulate.log").toFile()).start();
    }

    /** Samples (for the trace) while {@code load} plays its first {@code leadIn}, which is not measured. */
    private static void leadIn(Process load, Duration leadIn, PipelineProbe probe, AllInOneProcess allInOne,
            Path dir, Trace trace) throws Exception {
        Watch watch = new Watch(probe, trace, probe.sample());
        while (System.nanoTime() - watch.start < leadIn.toNanos()) {
            PipelineProbe.Sample sample = watch.sample();
            watch.record(System.nanoTime(), sample, true);
            if (!load.isAlive()) {
                throw new IllegalStateException("simulate --load ended during the lead-in: "
                        + Files.readString(dir.resolve("simulate.log")));
            }
            allInOne.requireAlive();
        }
    }

    /** One phase's samples: taken every {@link #SAMPLE_EVERY}, each traced, progress on stderr every 5 s. */
    private static final class Watch {
        private final PipelineProbe probe;
        private final Trace trace;
        private final PipelineProbe.Sample before;
        private final long start = System.nanoTime();
        private long lastReport = start;

        Watch(PipelineProbe probe, Trace trace, PipelineProbe.Sample before) {
            this.probe = probe;
            this.trace = trace;
            this.before = before;
        }

        PipelineProbe.Sample sample() throws ExecutionException, InterruptedException {
            Thread.sleep(SAMPLE_EVERY.toMillis()); // a sampling period, not synchronisation
            return probe.sample();
        }

        void record(long now, PipelineProbe.Sample sample, boolean loading) {
            trace.sample((now - start) / 1e9, loading, sample, before);
            if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
                System.err.printf(Locale.ROOT, "load-harness: %.0f s, %s, events %,d, committed %,d, lag %,d"
                                + " (%.1f s)%n", (now - start) / 1e9, loading ? "loading" : "draining",
                        sample.end() - before.end(), sample.committed() - before.committed(), sample.lag(),
                        sample.lagMillis() / 1e3);
                lastReport = now;
            }
        }
    }

    /** The all-in-one's {@code /metrics} by series; empty when it cannot be read (the fields then say -1). */
    private static Map<String, Double> metrics(AllInOneProcess allInOne) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(allInOne.url("/metrics")))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? OverloadHarness.parse(response.body()) : Map.of();
        } catch (IOException unreadable) {
            return Map.of();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The app's commits between two readings of {@code /metrics}, and the alerts open at the second. */
    static HarnessResult.Engine engine(Map<String, Double> before, Map<String, Double> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return HarnessResult.Engine.UNKNOWN;
        }
        return new HarnessResult.Engine(
                Math.round(OverloadHarness.sum(after, COMMITS) - OverloadHarness.sum(before, COMMITS)),
                Math.round(OverloadHarness.sum(after, ALERTS_OPEN)));
    }

    /** Measures from now until {@code load} has ended and the streams app has caught up with it. */
    private static HarnessResult drive(Process load, PipelineProbe probe, AllInOneProcess allInOne, Path dir,
            Trace trace) throws Exception {
        Map<String, Double> metricsBefore = metrics(allInOne);
        PipelineProbe.Sample before = probe.sample();
        long brokerBytesBefore = probe.brokerBytes();
        long eventBytesBefore = probe.topicBytes(Topics.EVENTS.name());
        long allInOneCpuAtStart = ProcessCpu.nanos(allInOne.process());
        long allInOneJitAtStart = ProcessCpu.compilerNanos(allInOne.process());
        long ownCpuAtStart = ProcessCpu.ownNanos();
        // After a lead-in the generator has run a while already; without one it has just started (about 0).
        long generatorCpuAtStart = Math.max(0, ProcessCpu.nanos(load));
        Watch watch = new Watch(probe, trace, before);
        long loadStart = watch.start;
        long peakLag = 0;
        long peakLagMillis = 0;
        long samplesOverTarget = 0;
        long unreadAges = 0;
        long loadEnd = 0;
        long committedInLoad = 0;
        long allInOneCpuAtLoadEnd = -1;
        long allInOneJitAtLoadEnd = -1;
        long generatorCpu = -1;
        PipelineProbe.Sample sample = before;
        while (true) {
            sample = watch.sample();
            peakLag = Math.max(peakLag, sample.lag());
            peakLagMillis = Math.max(peakLagMillis, sample.lagMillis());
            samplesOverTarget += sample.lagMillis() > LAG_TARGET.toMillis() ? 1 : 0;
            unreadAges += sample.lagMillis() < 0 ? 1 : 0;
            long now = System.nanoTime();
            if (loadEnd == 0) {
                long cpu = ProcessCpu.nanos(load);
                generatorCpu = cpu >= 0 ? cpu : generatorCpu;
            }
            if (loadEnd == 0 && !load.isAlive()) {
                loadEnd = now;
                committedInLoad = sample.committed() - before.committed();
                allInOneCpuAtLoadEnd = ProcessCpu.nanos(allInOne.process());
                allInOneJitAtLoadEnd = ProcessCpu.compilerNanos(allInOne.process());
            }
            watch.record(now, sample, loadEnd == 0);
            if (loadEnd != 0 && sample.lag() == 0 && sample.end() > before.end()) {
                break;
            }
            if (loadEnd != 0 && now - loadEnd > DRAIN_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the streams app did not catch up within " + DRAIN_TIMEOUT
                        + " after the load; lag " + sample.lag());
            }
            allInOne.requireAlive();
        }
        long drained = System.nanoTime();
        long allInOneCpuAtEnd = ProcessCpu.nanos(allInOne.process());
        HarnessResult.Engine engine = engine(metricsBefore, metrics(allInOne));
        double loadSeconds = (loadEnd - loadStart) / 1e9;
        double drainSeconds = (drained - loadEnd) / 1e9;
        HarnessResult.Cpu cpu = new HarnessResult.Cpu(
                ProcessCpu.cores(allInOneCpuAtStart, allInOneCpuAtLoadEnd, loadSeconds),
                ProcessCpu.cores(allInOneJitAtStart, allInOneJitAtLoadEnd, loadSeconds),
                ProcessCpu.cores(allInOneCpuAtLoadEnd, allInOneCpuAtEnd, drainSeconds),
                ProcessCpu.cores(generatorCpuAtStart, generatorCpu, loadSeconds),
                ProcessCpu.cores(ownCpuAtStart, ProcessCpu.ownNanos(), (drained - loadStart) / 1e9));
        if (load.exitValue() != 0) {
            throw new IllegalStateException("simulate --load failed: " + Files.readString(dir.resolve("simulate.log")));
        }
        long events = sample.end() - before.end();
        long brokerBytes = probe.brokerBytes() - brokerBytesBefore;
        long eventBytes = probe.topicBytes(Topics.EVENTS.name()) - eventBytesBefore;
        return new HarnessResult(events, before.lag(), loadSeconds, drainSeconds, (drained - loadStart) / 1e9,
                committedInLoad, new HarnessResult.Lag(peakLag, peakLagMillis / 1e3,
                        samplesOverTarget * SAMPLE_EVERY.toMillis() / 1e3, unreadAges), brokerBytes, eventBytes,
                ProcessMemory.peakRssBytes(allInOne.process()), cpu, engine, lastLine(dir.resolve("simulate.log")));
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

}
