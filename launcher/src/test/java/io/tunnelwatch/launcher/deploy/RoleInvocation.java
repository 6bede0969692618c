package io.tunnelwatch.launcher.deploy;

import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.launcher.Tunnelwatch;
import io.tunnelwatch.launcher.cli.EnvironmentDefaults;
import io.tunnelwatch.launcher.config.ConfigFile;
import io.tunnelwatch.launcher.config.KafkaClientProperties;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.nio.file.Files;
import io.tunnelwatch.collector.config.ByteSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A tunnelwatch process as a manifest starts it: its arguments and environment, parsed by the jar's own picocli
 * model with the jar's own environment lookup, so an option or variable the jar does not know is a problem here.
 */
final class RoleInvocation {

    /** The roles a deployment runs as a long-lived process. */
    static final Set<String> PROCESS_ROLES = Set.of("collector", "streams", "run", "demo");
    static final String DATA_DIR = "--data-dir";
    static final String SPOOL_DIR = "--spool-dir";

    /** A socket the process listens on: protocol (TCP, UDP), port, and the option that sets it. */
    record Listener(String protocol, int port, String option) {
        String key() {
            return protocol + "/" + port;
        }
    }

    private final String where;
    private final CommandSpec spec;
    private final List<String> problems = new ArrayList<>();

    private RoleInvocation(String where, List<String> args, Map<String, String> environment) {
        this.where = where;
        this.spec = parse(args, environment);
        if (spec != null) {
            checkEnvironment(environment.keySet());
            checkReachable();
        }
    }

    /** Parses {@code args} with {@code environment} as the process would; {@code where} names it in problems. */
    static RoleInvocation of(String where, List<String> args, Map<String, String> environment) {
        return new RoleInvocation(where, args == null ? List.of() : args, environment);
    }

    private CommandSpec parse(List<String> args, Map<String, String> environment) {
        CommandLine cli = Tunnelwatch.commandLine();
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        try {
            CommandLine.ParseResult result = cli.parseArgs(args.toArray(String[]::new));
            if (!result.hasSubcommand() || !PROCESS_ROLES.contains(result.subcommand().commandSpec().name())) {
                problems.add(where + ": the arguments " + args + " start no role (one of " + PROCESS_ROLES + ")");
                return null;
            }
            return result.subcommand().commandSpec();
        } catch (CommandLine.ParameterException e) {
            problems.add(where + ": tunnelwatch would refuse " + args + ": " + e.getMessage());
            return null;
        }
    }

    private void checkEnvironment(Set<String> names) {
        Set<String> known = new LinkedHashSet<>();
        for (OptionSpec option : spec.options()) {
            if (option.longestName().startsWith("--")) {
                known.add(EnvironmentDefaults.variableFor(option.longestName()));
            }
        }
        for (String name : names) {
            // Only tunnelwatch's own variables are options; others are for the C library or the JVM.
            if (name.startsWith("TUNNELWATCH_") && !known.contains(name)) {
                problems.add(where + ": environment variable " + name + " is read by no option of 'tunnelwatch "
                        + spec.name() + "'");
            }
        }
    }

    private void checkReachable() {
        if (Set.of("collector", "streams").contains(spec.name())) {
            Object servers = value("--bootstrap-servers");
            if (servers == null || servers.toString().isBlank()) {
                problems.add(where + ": 'tunnelwatch " + spec.name() + "' needs --bootstrap-servers"
                        + " (or TUNNELWATCH_BOOTSTRAP_SERVERS)");
            }
        }
        for (String host : List.of("--http-host", "--syslog-host", "--trap-host")) {
            Object value = value(host);
            if (value != null && isLoopback(value.toString())) {
                problems.add(where + ": " + host + " " + value + " is reachable from inside the container only");
            }
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("127.") || h.equals("localhost") || h.equals("::1");
    }

    List<String> problems() {
        return problems;
    }

    boolean parsed() {
        return spec != null;
    }

    String role() {
        return spec.name();
    }

    /** The value the process would use for {@code option}, or null when its role has no such option. */
    Object value(String option) {
        OptionSpec found = spec.findOption(option);
        return found == null ? null : found.getValue();
    }

    /** Every socket the process opens to the outside, as its options set them. */
    List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        if (spec.findOption("--syslog-port") != null) {
            int port = (Integer) value("--syslog-port");
            Integer udp = (Integer) value("--syslog-udp-port");
            Integer tcp = (Integer) value("--syslog-tcp-port");
            add(listeners, "UDP", udp != null ? udp : port, udp != null ? "--syslog-udp-port" : "--syslog-port");
            add(listeners, "TCP", tcp != null ? tcp : port, tcp != null ? "--syslog-tcp-port" : "--syslog-port");
            if (value("--syslog-tls-cert") != null) {
                add(listeners, "TCP", (Integer) value("--syslog-tls-port"), "--syslog-tls-port");
            }
        }
        if (spec.findOption("--trap-port") != null) {
            add(listeners, "UDP", (Integer) value("--trap-port"), "--trap-port");
        }
        add(listeners, "TCP", (Integer) value("--http-port"), "--http-port");
        return listeners;
    }

    int httpPort() {
        return (Integer) value("--http-port");
    }

    private static void add(List<Listener> listeners, String protocol, int port, String option) {
        if (port > 0) {
            listeners.add(new Listener(protocol, port, option));
        }
    }

    /** The files the process reads, by option ({@code --inventory}, {@code --config}, …); not the data directory. */
    Map<String, Path> files() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.type() == Path.class && !DATA_DIR.equals(option.longestName())
                    && !SPOOL_DIR.equals(option.longestName()) && option.getValue() != null) {
                files.put(option.longestName(), option.getValue());
            }
        }
        return files;
    }

    /** Of the mounts, the one {@code file} lies in: the deepest whose target ({@code targetOf}) holds it; or null. */
    static <M> M mountOf(Path file, List<M> mounts, Function<M, String> targetOf) {
        return mounts.stream().filter(m -> file.normalize().startsWith(Path.of(targetOf.apply(m))))
                .max(Comparator.comparingInt(m -> Path.of(targetOf.apply(m)).getNameCount())).orElse(null);
    }

    Path dataDirectory() {
        return (Path) value(DATA_DIR);
    }

    /**
     * Where a collecting role ({@code collector}, {@code run}, {@code demo}) writes its spool: {@code --spool-dir},
     * else {@code spool} in the data directory; null for the other roles and with {@code --spool-max-bytes 0}.
     */
    Path spoolDirectory() {
        if (spec.findOption(SPOOL_DIR) == null || ByteSize.parse((String) value("--spool-max-bytes")) == 0) {
            return null;
        }
        Path dir = (Path) value(SPOOL_DIR);
        return dir != null ? dir : dataDirectory().resolve("spool");
    }

    /**
     * Reads {@code file} as the process reads the file of {@code option}, with the jar's own loader.
     *
     * @return the loader's complaint, or null when the file is good
     */
    static String readAsTheJarDoes(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            return "no such file " + file;
        }
        try {
            switch (option) {
                case "--inventory" -> InventoryLoader.load(file);
                case "--config" -> ConfigFile.detectors(file, DetectorSettings.defaults());
                case "--kafka-config" -> KafkaClientProperties.load(file);
                default -> {
                    // PEM files of the TLS listener: their existence is what can be checked here
                }
            }
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
