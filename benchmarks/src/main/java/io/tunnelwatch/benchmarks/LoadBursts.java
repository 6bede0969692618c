package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog load bursts beside a soak: every {@code every}, a {@code JAR simulate --load RATE --duration SECONDS} over
 * UDP from a fleet on its own network ({@link #NETWORK}), so its devices ({@code load-127-0-2-NN}) never touch the
 * scenario's routers. Bursts run one at a time on a thread of their own; each one's summary line is kept.
 */
final class LoadBursts implements AutoCloseable {

    /** The load fleet's /24: the scenario fleet sends from 127.0.1.x. */
    static final String NETWORK = "127.0.2";

    private static final Pattern SENT = Pattern.compile("sent (\\d+) messages");

    private final Path jar;
    private final int syslogPort;
    private final long rate;
    private final Duration length;
    private final Path log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-load-bursts");
        t.setDaemon(true);
        return t;
    });
    private final List<String> summaries = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private volatile Process running;

    private LoadBursts(Path jar, int syslogPort, long rate, Duration length, Path log) {
        this.jar = jar;
        this.syslogPort = syslogPort;
        this.rate = rate;
        this.length = length;
        this.log = log;
    }

    /** Starts the first burst after {@code first}, then one every {@code every}. */
    static LoadBursts start(Path jar, int syslogPort, long rate, Duration length, Duration first, Duration every,
                            Path log) {
        LoadBursts bursts = new LoadBursts(jar, syslogPort, rate, length, log);
        bursts.timer.scheduleWithFixedDelay(bursts::burst, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return bursts;
    }

    private void burst() {
        try {
            Process load = new ProcessBuilder(AllInOneProcess.javaCommand(jar, "256m", "simulate",
                    "--collector", "127.0.0.1:" + syslogPort, "--transport", "udp", "--network", NETWORK,
                    "--routers", "20", "--peers", "4", "--load", Long.toString(rate),
                    "--duration", Long.toString(length.toSeconds())))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            running = load;
            int exit = load.waitFor();
            List<String> lines = Files.readAllLines(log);
            String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
            synchronized (this) {
                (exit == 0 ? summaries : failures).add(last);
            }
        } catch (IOException e) {
            synchronized (this) {
                failures.add(e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized int bursts() {
        return summaries.size();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** Messages the bursts sent, from their summary lines. */
    synchronized long sent() {
        long sum = 0;
        for (String line : summaries) {
            Matcher m = SENT.matcher(line);
            if (m.find()) {
                sum += Long.parseLong(m.group(1));
            }
        }
        return sum;
    }

    /** Stops scheduling; a burst under way is ended. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        Process p = running;
        if (p != null && p.isAlive()) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        timer.awaitTermination(15, TimeUnit.SECONDS);
    }
}
