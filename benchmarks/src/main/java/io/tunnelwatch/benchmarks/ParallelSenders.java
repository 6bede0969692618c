package io.tunnelwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generators run as processes side by side, each with its output in a log of its own, and the messages they
 * report sent summed from those logs (the first group of {@code sent}).
 */
final class ParallelSenders {

    private ParallelSenders() {
    }

    /**
     * Starts every command at once, waits for each (killing one still running {@code grace} after {@code duration}),
     * and returns the sum of what their logs report.
     */
    static long run(List<List<String>> commands, Path dir, String label, Duration duration, Duration grace,
                    Pattern sent) throws IOException, InterruptedException {
        List<Process> senders = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Path log = dir.resolve(label + "-" + i + ".log");
            logs.add(log);
            senders.add(new ProcessBuilder(commands.get(i)).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start());
        }
        long total = 0;
        for (int i = 0; i < senders.size(); i++) {
            if (!senders.get(i).waitFor(duration.plus(grace).toSeconds(), TimeUnit.SECONDS)) {
                senders.get(i).destroyForcibly().waitFor();
            }
            Matcher m = sent.matcher(Files.readString(logs.get(i)));
            if (m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }
}
