package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The bench harness's C load generator ({@code BENCH_DIR/tools/blast.c}: UDP lines batched with {@code sendmmsg},
 * paced) as a syslog sender for {@link OverloadHarness}: a JVM sender with one {@code send} per datagram shares the
 * two cores with the collector and cannot offer twice what the collector takes (docs/reliability.md#overload).
 * Compiled with {@code gcc -O2} into the caller's directory, fed the harness's own Cisco crypto message file
 * ({@code BENCH_DIR/lib/gen-messages.sh}).
 */
final class BlastSender {

    private static final Pattern COUNT = Pattern.compile("count=(\\d+)");
    private static final int FLOWS = 4;

    private final Path blast;
    private final Path messages;

    private BlastSender(Path blast, Path messages) {
        this.blast = blast;
        this.messages = messages;
    }

    /** Builds blast and the message file from {@code benchDir} into {@code dir}. */
    static BlastSender prepare(Path benchDir, Path dir) throws IOException, InterruptedException {
        Path source = benchDir.resolve("tools/blast.c");
        Path generator = benchDir.resolve("lib/gen-messages.sh");
        if (!Files.isRegularFile(source) || !Files.isRegularFile(generator)) {
            throw new IllegalArgumentException("--bench-dir " + benchDir + " has no tools/blast.c and lib/gen-messages.sh");
        }
        Path blast = dir.resolve("blast");
        Path messages = dir.resolve("blast-messages.txt");
        run(dir.resolve("blast-build.log"), "gcc", "-O2", "-o", blast.toString(), source.toString());
        run(dir.resolve("blast-messages.log"), "bash", generator.toString(), messages.toString(), "2000");
        return new BlastSender(blast, messages);
    }

    /**
     * Runs {@code senders} blasts over UDP in parallel, each at {@code ratePerSender} messages/s (0: as fast as it
     * goes) for {@code duration}; the messages they sent.
     */
    long send(int port, int senders, long ratePerSender, Duration duration, Path dir, String label)
            throws IOException, InterruptedException {
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            commands.add(List.of(blast.toString(), "udp", Integer.toString(port), messages.toString(),
                    Long.toString(ratePerSender), Long.toString(duration.toSeconds()), Integer.toString(FLOWS)));
        }
        return ParallelSenders.run(commands, dir, label + "-blast", duration, Duration.ofSeconds(60), COUNT);
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }
}
