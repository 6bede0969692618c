package io.tunnelwatch.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of {@link LoadHarness}; defaults are the load of #16's measurements. */
@Command(name = "LoadHarness", mixinStandardHelpOptions = true,
        description = "Drives `JAR run` with `JAR simulate --load` and prints one summary line.")
final class HarnessOptions {

    @Option(names = "--jar", defaultValue = "launcher/target/tunnelwatch.jar",
            description = "The tunnelwatch jar to measure (default: ${DEFAULT-VALUE}).")
    private Path jar;

    @Option(names = "--label", defaultValue = "run", description = "First field of the summary line.")
    private String label;

    @Option(names = "--rate", defaultValue = "20000", description = "Syslog messages/s offered (default: ${DEFAULT-VALUE}).")
    private long rate;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds of load (default: ${DEFAULT-VALUE}).")
    private long durationSeconds;

    @Option(names = "--warmup", defaultValue = "0",
            description = "Seconds of the same load played first, and drained, before the measured one, so the JIT"
                    + " has compiled the hot path (default: ${DEFAULT-VALUE}: measure a cold start).")
    private long warmupSeconds;

    @Option(names = "--warmup-rounds", defaultValue = "1",
            description = "How many times the warm-up is played, each by a new `simulate` and drained, so that the"
                    + " measured load is not the first the process meets after a quiet spell (default:"
                    + " ${DEFAULT-VALUE}).")
    private int warmupRounds;

    @Option(names = "--lead-in", defaultValue = "0",
            description = "Seconds the measured load's generator plays before the measurement starts: a new `simulate`"
                    + " JVM takes about a core for its first five seconds, on the same box, which a fleet's routers do"
                    + " not (default: ${DEFAULT-VALUE}: the measurement starts with the generator).")
    private long leadInSeconds;

    @Option(names = "--routers", defaultValue = "200", description = "Simulated routers (default: ${DEFAULT-VALUE}).")
    private int routers;

    @Option(names = "--peers", defaultValue = "50", description = "Peers per router (default: ${DEFAULT-VALUE}).")
    private int peers;

    @Option(names = "--transport", defaultValue = "tcp", description = "tcp or udp (default: ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = "--xmx", defaultValue = "1g", description = "Heap of the all-in-one (default: ${DEFAULT-VALUE}).")
    private String xmx;

    @Option(names = "--java-opts", defaultValue = "",
            description = "JVM options of the all-in-one, after its heap (say -XX:+UseParallelGC), to compare JVM"
                    + " settings on one jar.")
    private String javaOpts;

    @Option(names = "--generator-java-opts", defaultValue = "",
            description = "JVM options of the load generator (`simulate`). Its JVM shares the box's cores and shapes"
                    + " the traffic: these change the result too"
                    + " (docs/performance.md#the-parallel-garbage-collector-tried-not-kept).")
    private String generatorJavaOpts;

    @Option(names = "--kafka-config",
            description = "A Kafka client properties file handed to `run --kafka-config`, to compare settings"
                    + " (say commit.interval.ms) on one jar.")
    private Path kafkaConfig;

    @Option(names = "--trace",
            description = "Also write every sample (each 200 ms) of the warm-up, the lead-in and the measured load to"
                    + " this CSV file: run (warmup, lead-in, measured), seconds since it started, loading or draining,"
                    + " events, committed, lag in events, age in seconds of the oldest event not committed.")
    private Path trace;

    static HarnessOptions parse(String... args) {
        HarnessOptions options = new HarnessOptions();
        CommandLine commandLine = new CommandLine(options);
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);
        if (CommandLine.printHelpIfRequested(parsed)) {
            System.exit(0);
        }
        if (!Files.isRegularFile(options.jar)) {
            throw new CommandLine.ParameterException(commandLine, "--jar: no such file: " + options.jar
                    + " (build it with `mvn -q -DskipTests package`, or run from the repository's top directory)");
        }
        if (!options.transport.equals("tcp") && !options.transport.equals("udp")) {
            throw new CommandLine.ParameterException(commandLine, "--transport must be tcp or udp, was "
                    + options.transport);
        }
        if (options.rate <= 0 || options.durationSeconds <= 0 || options.routers <= 0 || options.peers <= 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--rate, --duration, --routers and --peers must be positive");
        }
        if (options.kafkaConfig != null && !Files.isRegularFile(options.kafkaConfig)) {
            throw new CommandLine.ParameterException(commandLine, "--kafka-config: no such file: "
                    + options.kafkaConfig);
        }
        if (options.warmupSeconds < 0) {
            throw new CommandLine.ParameterException(commandLine, "--warmup must be 0 or more seconds, was "
                    + options.warmupSeconds);
        }
        if (options.warmupRounds < 1) {
            throw new CommandLine.ParameterException(commandLine, "--warmup-rounds must be 1 or more, was "
                    + options.warmupRounds);
        }
        if (options.warmupRounds > 1 && options.warmupSeconds == 0) {
            throw new CommandLine.ParameterException(commandLine, "--warmup-rounds " + options.warmupRounds
                    + " needs a warm-up to repeat: give --warmup S too");
        }
        if (options.leadInSeconds < 0) {
            throw new CommandLine.ParameterException(commandLine, "--lead-in must be 0 or more seconds, was "
                    + options.leadInSeconds);
        }
        return options;
    }

    Path jar() {
        return jar;
    }

    String label() {
        return label;
    }

    long rate() {
        return rate;
    }

    long durationSeconds() {
        return durationSeconds;
    }

    /** The extra arguments of {@code run}: {@code --kafka-config FILE}, or none. */
    String[] runArguments() {
        return kafkaConfig == null ? new String[0]
                : new String[] {"--kafka-config", kafkaConfig.toAbsolutePath().toString()};
    }

    List<String> javaOpts() {
        return words(javaOpts);
    }

    List<String> generatorJavaOpts() {
        return words(generatorJavaOpts);
    }

    private static List<String> words(String options) {
        return options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    /** The file for every sample, or null. */
    Path trace() {
        return trace;
    }

    long warmupSeconds() {
        return warmupSeconds;
    }

    /** How many times a warm-up of {@link #warmupSeconds()} is played (when there is one). */
    int warmupRounds() {
        return warmupRounds;
    }

    /** Seconds of the measured load played before the measurement starts. */
    long leadInSeconds() {
        return leadInSeconds;
    }

    int routers() {
        return routers;
    }

    int peers() {
        return peers;
    }

    String transport() {
        return transport;
    }

    String xmx() {
        return xmx;
    }
}
