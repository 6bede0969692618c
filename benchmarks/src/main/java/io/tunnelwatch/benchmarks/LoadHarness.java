package io.tunnelwatch.benchmarks;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code LoadHarness [--jar JAR] [--label NAME] [--rate N] [--duration S] [--routers N] [--peers N]
 * [--transport tcp|udp] [--xmx SIZE]}: drives the real all-in-one as a user would and prints one summary line.
 *
 * <p>It starts {@code java -jar JAR run} (embedded broker, 12 partitions, free loopback ports, a temporary data
 * directory deleted at the end), waits for {@code /readyz}, plays {@code JAR simulate --load RATE --duration S} at it,
 * and watches the broker from beside it ({@link PipelineProbe}): events offered per second while the load ran, events
 * per second through the streams app (committed offsets of its consumer group, from the start of the load until it
 * has caught up), the peak committed lag, the drain time after the load ended, broker bytes written per input event
 * and per input byte, and the all-in-one's peak RSS. Taking the jar as an argument lets two builds run side by side
 * in one sitting (docs/performance.md, "Load harness").
 */
public final class LoadHarness {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions options = HarnessOptions.parse(args);
        Path dir = Files.createTempDirectory("tunnelwatch-load-harness");
        Process allInOne = null;
        try {
            int kafkaPort = PortProbe.freePort();
            int httpPort = PortProbe.freePort();
            int syslogPort = PortProbe.freePort();
            allInOne = startAllInOne(options, dir, kafkaPort, httpPort, syslogPort);
            awaitReady(allInOne, httpPort, dir.resolve("run.log"));
            String bootstrap = "127.0.0.1:" + kafkaPort;
            try (PipelineProbe probe = new PipelineProbe(bootstrap, "tunnelwatch", Topics.EVENTS.name())) {
                HarnessResult result = drive(options, probe, allInOne, syslogPort, dir);
                System.out.println(result.summaryLine(options.label()));
            }
        } finally {
            if (allInOne != null) {
                allInOne.destroy();
                if (!allInOne.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    allInOne.destroyForcibly().waitFor();
                }
            }
            deleteTree(dir);
        }
    }

    private static HarnessResult drive(HarnessOptions options, PipelineProbe probe, Process allInOne, int syslogPort,
            Path dir) throws Exception {
        PipelineProbe.Sample before = probe.sample();
        long brokerBytesBefore = probe.brokerBytes();
        long eventBytesBefore = probe.topicBytes(Topics.EVENTS.name());
        long loadStart = System.nanoTime();
        Process load = new ProcessBuilder(javaCommand(options, "256m", "simulate",
                "--collector", "127.0.0.1:" + syslogPort, "--transport", options.transport(),
                "--routers", Integer.toString(options.routers()), "--peers", Integer.toString(options.peers()),
                "--load", Long.toString(options.rate()), "--duration", Long.toString(options.durationSeconds())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("simulate.log").toFile()).start();
        long peakLag = 0;
        long loadEnd = 0;
        long lastReport = loadStart;
        PipelineProbe.Sample sample = before;
        while (true) {
            Thread.sleep(SAMPLE_EVERY.toMillis()); // a sampling period, not synchronisation
            sample = probe.sample();
            peakLag = Math.max(peakLag, sample.lag());
            long now = System.nanoTime();
            if (loadEnd == 0 && !load.isAlive()) {
                loadEnd = now;
            }
            if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
                System.err.printf(Locale.ROOT, "load-harness: %.0f s, %s, events %,d, committed %,d, lag %,d%n",
                        (now - loadStart) / 1e9, loadEnd == 0 ? "loading" : "draining",
                        sample.end() - before.end(), sample.committed() - before.committed(), sample.lag());
                lastReport = now;
            }
            if (loadEnd != 0 && sample.lag() == 0 && sample.end() > before.end()) {
                break;
            }
            if (loadEnd != 0 && now - loadEnd > DRAIN_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the streams app did not catch up within " + DRAIN_TIMEOUT
                        + " after the load; lag " + sample.lag());
            }
            if (!allInOne.isAlive()) {
                throw new IllegalStateException("the all-in-one exited with " + allInOne.exitValue()
                        + "; see " + dir.resolve("run.log"));
            }
        }
        long drained = System.nanoTime();
        if (load.exitValue() != 0) {
            throw new IllegalStateException("simulate --load failed: " + Files.readString(dir.resolve("simulate.log")));
        }
        long events = sample.end() - before.end();
        long brokerBytes = probe.brokerBytes() - brokerBytesBefore;
        long eventBytes = probe.topicBytes(Topics.EVENTS.name()) - eventBytesBefore;
        return new HarnessResult(events, (loadEnd - loadStart) / 1e9, (drained - loadEnd) / 1e9,
                (drained - loadStart) / 1e9, peakLag, brokerBytes, eventBytes, ProcessMemory.peakRssBytes(allInOne),
                lastLine(dir.resolve("simulate.log")));
    }

    private static Process startAllInOne(HarnessOptions options, Path dir, int kafkaPort, int httpPort, int syslogPort)
            throws IOException {
        List<String> command = javaCommand(options, options.xmx(), "run",
                "--data-dir", dir.resolve("data").toString(),
                "--kafka-port", Integer.toString(kafkaPort),
                "--kafka-controller-port", Integer.toString(PortProbe.freePort()),
                "--http-host", "127.0.0.1", "--http-port", Integer.toString(httpPort),
                "--syslog-host", "127.0.0.1", "--syslog-port", Integer.toString(syslogPort),
                "--syslog-tls-port", "-1",
                "--trap-host", "127.0.0.1", "--trap-port", Integer.toString(PortProbe.freePort()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile()).start();
    }

    private static List<String> javaCommand(HarnessOptions options, String heap, String... cliArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-jar");
        command.add(options.jar().toString());
        command.addAll(List.of(cliArgs));
        return command;
    }

    static void awaitReady(Process allInOne, int httpPort, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!allInOne.isAlive()) {
                throw new IllegalStateException("the all-in-one exited before it was ready: " + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP port opens a moment after the JVM starts
            }
            Thread.sleep(250); // polling an HTTP endpoint of another process
        }
        throw new IllegalStateException("the all-in-one was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
