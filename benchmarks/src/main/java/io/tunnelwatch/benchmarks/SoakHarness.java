package io.tunnelwatch.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code SoakHarness [--jar JAR] [--minutes 30] [--xmx 1g] [--burst-rate 5000 --burst-seconds 20 --burst-every 4]}:
 * {@code JAR demo --scenario soak} (the demo fleet in real time with eight faults, each repaired, the last at 25
 * minutes) for the given minutes, with syslog load bursts from a fleet of its own ({@link LoadBursts}: from minute 2,
 * one every few minutes, so both compared windows hold one) and sampling the all-in-one every
 * 10 s — heap in use (from its {@code /metrics}), resident set, open file descriptors and threads (from
 * {@code /proc}) — then reading {@code tunnelwatch.alerts} from the start. Prints one summary line and PASS when, from
 * the five minutes after warm-up to the last five, the heap's floor grew less than 20 %, the resident set beyond the
 * committed heap less than 10 %, descriptors and threads by at most a few, and every alert opened was resolved
 * exactly once; FAIL with the reasons (exit code 1) otherwise. The last sample of each of the two windows follows a
 * forced full collection ({@code jcmd PID GC.run}), so each floor is the live heap. docs/reliability.md "Soak" has
 * runs.
 */
@Command(name = "SoakHarness", mixinStandardHelpOptions = true,
        description = "Runs the all-in-one with the soak scenario and checks that it stays flat and heals.")
public final class SoakHarness implements Callable<Integer> {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration WARM_UP = Duration.ofMinutes(5);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Option(names = "--jar", defaultValue = "launcher/target/tunnelwatch.jar",
            description = "The tunnelwatch jar (default: ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--minutes", defaultValue = "30", description = "Length of the run, at least 15 (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--xmx", defaultValue = "1g", description = "Heap of the all-in-one (default: ${DEFAULT-VALUE}).")
    String xmx;

    @Option(names = "--burst-rate", defaultValue = "5000",
            description = "Syslog messages/s of each load burst, over UDP from a fleet of its own"
                    + " (default: ${DEFAULT-VALUE}).")
    long burstRate;

    @Option(names = "--burst-seconds", defaultValue = "20",
            description = "Length of each burst (default: ${DEFAULT-VALUE}).")
    int burstSeconds;

    @Option(names = "--burst-every", defaultValue = "4",
            description = "Minutes from one burst's start to the next, the first at minute 2; 0: no bursts"
                    + " (default: ${DEFAULT-VALUE}).")
    int burstEveryMinutes;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SoakHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (minutes < 15) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--minutes must be at least 15 (warm-up,"
                    + " a first and a last window of 5 minutes each), was " + minutes);
        }
        if (!Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--jar: no such file: " + jar);
        }
        Path dir = Files.createTempDirectory("tunnelwatch-soak");
        try (AllInOneProcess allInOne = AllInOneProcess.startReady(jar, xmx, dir, "demo", "--scenario", "soak")) {
            List<SoakSample> samples;
            LoadBursts bursts = burstEveryMinutes <= 0 ? null : LoadBursts.start(jar, allInOne.syslogPort, burstRate,
                    Duration.ofSeconds(burstSeconds), Duration.ofMinutes(2), Duration.ofMinutes(burstEveryMinutes),
                    dir.resolve("bursts.log"));
            try {
                samples = sample(allInOne);
            } finally {
                if (bursts != null) {
                    bursts.close();
                }
            }
            // Only the scenario's routers are judged: the bursts' lines flip their own sessions up and down at
            // random, so alerts on the load fleet open and close with no repair to wait for.
            SoakAlerts alerts = SoakAlerts.read(allInOne.bootstrapServers(), device -> device.startsWith("rtr-"));
            SoakVerdict verdict = SoakVerdict.judge(samples, WARM_UP, WINDOW, alerts);
            System.out.println(verdict.summaryLine(minutes) + (bursts == null ? " bursts=0"
                    : String.format(Locale.ROOT, " bursts=%d burst_rate=%d burst_seconds=%d burst_sent=%d%s",
                            bursts.bursts(), burstRate, burstSeconds, bursts.sent(),
                            bursts.failures().isEmpty() ? "" : " burst_failures=" + bursts.failures())));
            return verdict.passed() && (bursts == null || bursts.failures().isEmpty()) ? 0 : 1;
        } finally {
            TempTree.delete(dir);
        }
    }

    private List<SoakSample> sample(AllInOneProcess allInOne) throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        long nextReport = start;
        long firstWindowGc = start + WARM_UP.plus(WINDOW).minus(SAMPLE_EVERY.multipliedBy(2)).toNanos();
        boolean firstGcDone = false;
        while (System.nanoTime() < end) {
            allInOne.requireAlive();
            long now = System.nanoTime();
            // One sample of each compared window follows a forced collection, so each window's floor is the live
            // heap and not whatever garbage the last young collection happened to leave.
            if ((!firstGcDone && now >= firstWindowGc) || now + SAMPLE_EVERY.toNanos() >= end) {
                forceFullGc(allInOne.process().pid());
                firstGcDone = true;
            }
            String metrics = metrics(allInOne);
            SoakSample s = SoakSample.of(Duration.ofNanos(System.nanoTime() - start),
                    sum(metrics, "jvm_memory_used_bytes{area=\"heap\""),
                    sum(metrics, "jvm_memory_committed_bytes{area=\"heap\""), allInOne.process().pid());
            samples.add(s);
            if (System.nanoTime() >= nextReport) {
                System.err.printf(Locale.ROOT, "soak: %s%n", s);
                nextReport += Duration.ofMinutes(1).toNanos();
            }
            Thread.sleep(SAMPLE_EVERY.toMillis()); // the sampling period
        }
        return samples;
    }

    /** {@code jcmd PID GC.run}: a full collection in the soaking process (the JDK's own tool, next to this java). */
    private static void forceFullGc(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            gc.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " GC.run did not finish in 60 s");
        }
    }

    private String metrics(AllInOneProcess allInOne) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(allInOne.url("/metrics")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of the series whose line starts with {@code prefix} (every pool of a memory area). */
    private static long sum(String metrics, String prefix) {
        return (long) metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
