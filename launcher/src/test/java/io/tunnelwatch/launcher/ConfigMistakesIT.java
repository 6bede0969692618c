package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.broker.PortProbe;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A configuration mistake ends with one line saying what is wrong and a non-zero exit, not a stack trace; a broken
 * YAML file adds its offending line, and everything that stands in the way of a start is told at once. Every
 * listener of every {@code run} here is on a free loopback port, so a tunnelwatch running on the default ports
 * beside the test changes nothing.
 */
class ConfigMistakesIT {

    private static final List<String> PORT_OPTIONS = List.of("--http-port", "--syslog-port", "--syslog-tls-port",
            "--kafka-port", "--kafka-controller-port", "--trap-port");

    @TempDir
    Path work;

    @Test
    void shouldRejectAnUnknownOptionWithUsageExitCode() throws Exception {
        Result r = run("run", "--no-such-option");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).singleElement().asString()
                .startsWith("tunnelwatch: ")
                .contains("--no-such-option");
    }

    @Test
    void shouldAnswerAMisspeltOptionWithTheClosestOneAndNotReportItsValue() throws Exception {
        Result r = run("run", "--sylog-port", "5515");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).containsExactly("tunnelwatch: unknown option '--sylog-port'; did you mean"
                + " '--syslog-port'? (see 'tunnelwatch run --help')");
    }

    @Test
    void shouldCallAMistypedCommandUnknownAndListTheCommands() throws Exception {
        Result r = run("strat");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).singleElement().asString()
                .startsWith("tunnelwatch: unknown command 'strat'. The commands: run, demo, collector,");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--http-port", "--syslog-port", "--kafka-port", "--trap-port"})
    void shouldNameThePortThatIsAlreadyInUse(String option) throws Exception {
        boolean udp = "--trap-port".equals(option);
        try (AutoCloseable taken = udp ? udpOnFreePort() : tcpOnFreePort()) {
            int port = udp ? ((DatagramSocket) taken).getLocalPort() : ((ServerSocket) taken).getLocalPort();

            Result r = run(runOnFreePorts(work.resolve("data"), Map.of(option, port)));

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains("127.0.0.1:" + port).contains(option);
        }
    }

    @Test
    void shouldRefuseADataDirectoryAnotherProcessHolds() throws Exception {
        Path data = work.resolve("held");
        try (HeldDataDirectory held = HeldDataDirectory.hold(data)) {

            Result r = run(runOnFreePorts(data, Map.of()));

            assertThat(held.lock.isValid()).isTrue();
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains("in use by another tunnelwatch process").contains("--data-dir");
        }
    }

    /** What a second {@code run} beside a running one meets: its data directory and its ports taken. */
    @Test
    void shouldReportAHeldDataDirectoryFirstAndEveryBusyPortInOneMessage() throws Exception {
        Path data = work.resolve("held");
        try (HeldDataDirectory held = HeldDataDirectory.hold(data);
             DatagramSocket syslogUdp = udpOnFreePort();
             ServerSocket http = tcpOnFreePort();
             DatagramSocket traps = udpOnFreePort()) {

            Result r = run(runOnFreePorts(data, Map.of("--syslog-port", syslogUdp.getLocalPort(),
                    "--http-port", http.getLocalPort(), "--trap-port", traps.getLocalPort())));

            assertThat(held.lock().isValid()).isTrue();
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).hasSize(5);
            assertThat(r.stderr.get(0)).isEqualTo("tunnelwatch: cannot start, 4 problems:");
            assertThat(r.stderr.get(1)).startsWith("  - the data directory ").contains("--data-dir");
            assertThat(r.stderr.subList(2, 5)).containsExactly(
                    "  - TCP port 127.0.0.1:" + http.getLocalPort() + " is already in use; choose another with"
                            + " --http-port",
                    "  - UDP port 127.0.0.1:" + syslogUdp.getLocalPort() + " is already in use; choose another with"
                            + " --syslog-port or --syslog-udp-port",
                    "  - UDP port 127.0.0.1:" + traps.getLocalPort() + " is already in use; choose another with"
                            + " --trap-port");
        }
    }

    @Test
    void shouldSayWhenTheKafkaClusterCannotBeReached() throws Exception {
        int closed = PortProbe.freePort();

        Result r = run(collectorOnFreePorts("--bootstrap-servers", "127.0.0.1:" + closed, "--kafka-timeout", "3"));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).singleElement().asString()
                .contains("cannot reach Kafka at 127.0.0.1:" + closed).contains("--bootstrap-servers");
    }

    @Test
    void shouldNameTheKafkaConfigFileAndTheMistypedKeyBeforeConnecting() throws Exception {
        Path config = Files.writeString(work.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanizm=PLAIN\n");

        Result r = run(collectorOnFreePorts("--bootstrap-servers", "127.0.0.1:" + PortProbe.freePort(),
                "--kafka-config", config.toString(), "--kafka-timeout", "30"));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).singleElement().asString()
                .isEqualTo("tunnelwatch: --kafka-config " + config + ": 'sasl.mechanizm' is not a Kafka client"
                        + " setting");
    }

    @Test
    void shouldRejectANonNumericPortBeforeStartingAnything() throws Exception {
        Result r = run("run", "--syslog-port", "fivefivefourteen");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).singleElement().asString().contains("--syslog-port").contains("fivefivefourteen");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--stuck-after     | 0    | --stuck-after must be 1..86400 seconds, was 0",
        "--spool-max-bytes | 12XB | --spool-max-bytes: '12XB' is not a size",
        "--spool-max-bytes | 4096 | --spool-max-bytes must be 0 (no spool) or at least 1MiB, was 4096"})
    void shouldRejectAnOptionValueOutOfItsRangeBeforeStartingAnything(String option, String value, String message)
            throws Exception {
        Result r = run(runOnFreePorts(work.resolve("data"), Map.of(), option, value));

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).singleElement().asString().startsWith("tunnelwatch: ").contains(message);
    }

    @Test
    void shouldNameTheInventoryLineAndReasonBeforeStartingAnything() throws Exception {
        Path inventory = Files.writeString(work.resolve("inventory.yaml"), """
                devices:
                  - name: rtr-1
                    addresses: [192.0.2.1]
                  - name: rtr-2
                    addresses:
                      - 192.0.2.9
                      - 192.0.2.1
                """);

        Result r = run(runOnFreePorts(work.resolve("data"), Map.of(), "--inventory", inventory.toString()));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).containsExactly(
                "tunnelwatch: " + inventory + " line 7: device 'rtr-2' repeats address 192.0.2.1 of 'rtr-1'",
                "  7 |       - 192.0.2.1",
                "    |         ^");
        assertThat(work.resolve("data")).as("nothing started").doesNotExist();
    }

    @Test
    void shouldShowWhereAnInventoryIsNotValidYaml() throws Exception {
        Path inventory = Files.writeString(work.resolve("inventory.yaml"),
                "devices:\n  - name: rtr-1\n\taddresses: [192.0.2.1]\n");

        Result r = run(runOnFreePorts(work.resolve("data"), Map.of(), "--inventory", inventory.toString()));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).containsExactly(
                "tunnelwatch: " + inventory + " line 3, column 1: not valid YAML: a tab character: YAML indents with"
                        + " spaces only",
                "  3 | \taddresses: [192.0.2.1]",
                "    | ^");
        assertThat(work.resolve("data")).as("nothing started").doesNotExist();
    }

    @Test
    void shouldShowWhereAConfigFileIsNotValidYaml() throws Exception {
        Path config = Files.writeString(work.resolve("tunnelwatch.yaml"), "detectors:\n  stuckAfter: [60s\n");

        Result r = run(runOnFreePorts(work.resolve("data"), Map.of(), "--config", config.toString()));

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).containsExactly(
                "tunnelwatch: " + config + " line 2, column 19: not valid YAML: a '[' list is not closed with ']',"
                        + " or a ',' is missing between its items (the '[' list starts at line 2, column 15)"
                        + " (see 'tunnelwatch run --help')",
                "  2 |   stuckAfter: [60s",
                "    |                   ^");
        assertThat(work.resolve("data")).as("nothing started").doesNotExist();
    }

    /**
     * {@code run} on loopback with every listener on a free port, except those {@code taken} names, and
     * {@code more} arguments after them.
     */
    private static String[] runOnFreePorts(Path data, Map<String, Integer> taken, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--data-dir", data.toString()));
        args.addAll(loopbackOnFreePorts(taken));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** {@code collector} on loopback with every listener on a free port, and {@code more} arguments. */
    private static String[] collectorOnFreePorts(String... more) {
        List<String> args = new ArrayList<>(List.of("collector"));
        args.addAll(loopbackOnFreePorts(Map.of()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> loopbackOnFreePorts(Map<String, Integer> taken) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String o : PORT_OPTIONS) {
            ports.put(o, String.valueOf(taken.getOrDefault(o, PortProbe.freePort())));
        }
        List<String> args = new ArrayList<>(List.of("--http-host", "127.0.0.1", "--syslog-host", "127.0.0.1",
                "--trap-host", "127.0.0.1"));
        ports.forEach((o, v) -> args.addAll(List.of(o, v)));
        return args;
    }

    /*
     * A port the test takes comes from below the ephemeral range: --syslog-port binds UDP and TCP alike, and an
     * ephemeral port's twin may at that moment be the local end of some outgoing connection, which would add a
     * problem the test did not make.
     */
    private static ServerSocket tcpOnFreePort() throws IOException {
        return new ServerSocket(PortProbe.freePort(), 50, InetAddress.getByName("127.0.0.1"));
    }

    private static DatagramSocket udpOnFreePort() throws IOException {
        return new DatagramSocket(new InetSocketAddress("127.0.0.1", PortProbe.freePort()));
    }

    private Result run(String... args) throws Exception {
        try (TunnelwatchProcess p = TunnelwatchProcess.start(work, args)) {
            int exit = p.waitForExit(60);
            assertThat(exit).as("still running after 60 s\n%s", p.describe()).isNotEqualTo(-1);
            return new Result(exit, p.stderr());
        }
    }

    private record Result(int exit, List<String> stderr) {
    }

    /** A data directory locked the way a running tunnelwatch locks it. */
    private record HeldDataDirectory(FileChannel channel, FileLock lock) implements AutoCloseable {

        static HeldDataDirectory hold(Path data) throws IOException {
            Files.createDirectories(data);
            FileChannel channel = FileChannel.open(data.resolve(".tunnelwatch.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new HeldDataDirectory(channel, channel.lock());
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
