package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.broker.PortProbe;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A configuration mistake ends with one line saying what is wrong and a non-zero exit, not a stack trace. */
class ConfigMistakesIT {

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--http-port", "--syslog-port", "--kafka-port", "--trap-port"})
    void shouldNameThePortThatIsAlreadyInUse(String option) throws Exception {
        boolean udp = "--trap-port".equals(option);
        try (AutoCloseable taken = udp ? new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))
                : new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = udp ? ((DatagramSocket) taken).getLocalPort() : ((ServerSocket) taken).getLocalPort();

            Result r = runOnFreePorts(option, port);

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains("127.0.0.1:" + port).contains(option);
        }
    }

    /** {@code run} with every port free (so only the one under test can clash), and {@code option} set to {@code port}. */
    private Result runOnFreePorts(String option, int port) throws Exception {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String o : List.of("--http-port", "--syslog-port", "--kafka-port", "--kafka-controller-port",
                "--trap-port")) {
            ports.put(o, String.valueOf(o.equals(option) ? port : PortProbe.freePort()));
        }
        List<String> args = new ArrayList<>(List.of("run", "--http-host", "127.0.0.1", "--syslog-host", "127.0.0.1",
                "--trap-host", "127.0.0.1", "--data-dir", work.resolve("data").toString()));
        ports.forEach((o, v) -> args.addAll(List.of(o, v)));
        return run(args.toArray(String[]::new));
    }

    @Test
    void shouldRefuseADataDirectoryAnotherProcessHolds() throws Exception {
        Path data = work.resolve("held");
        java.nio.file.Files.createDirectories(data);
        try (var channel = java.nio.channels.FileChannel.open(data.resolve(".tunnelwatch.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {

            Result r = run("run", "--data-dir", data.toString(),
                    "--kafka-port", String.valueOf(PortProbe.freePort()),
                    "--kafka-controller-port", String.valueOf(PortProbe.freePort()),
                    "--syslog-port", String.valueOf(PortProbe.freePort()),
                    "--http-port", String.valueOf(PortProbe.freePort()));

            assertThat(lock.isValid()).isTrue();
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains("in use by another tunnelwatch process").contains("--data-dir");
        }
    }

    @Test
    void shouldSayWhenTheKafkaClusterCannotBeReached() throws Exception {
        int closed = PortProbe.freePort();

        Result r = run("run", "--bootstrap-servers", "127.0.0.1:" + closed, "--kafka-timeout", "3",
                "--syslog-port", String.valueOf(PortProbe.freePort()),
                "--http-port", String.valueOf(PortProbe.freePort()));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).singleElement().asString()
                .contains("cannot reach Kafka at 127.0.0.1:" + closed).contains("--bootstrap-servers");
    }

    @Test
    void shouldNameTheKafkaConfigFileAndTheMistypedKeyBeforeConnecting() throws Exception {
        Path config = java.nio.file.Files.writeString(work.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanizm=PLAIN\n");

        Result r = run("collector", "--bootstrap-servers", "127.0.0.1:" + PortProbe.freePort(),
                "--kafka-config", config.toString(), "--kafka-timeout", "30",
                "--syslog-port", String.valueOf(PortProbe.freePort()),
                "--http-port", String.valueOf(PortProbe.freePort()));

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

    @Test
    void shouldRejectADetectorThresholdOutOfRangeBeforeStartingAnything() throws Exception {
        Result r = run("run", "--stuck-after", "0");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).singleElement().asString().startsWith("tunnelwatch: ")
                .contains("--stuck-after must be 1..86400 seconds, was 0");
    }

    @Test
    void shouldNameTheInventoryLineAndReasonBeforeStartingAnything() throws Exception {
        Path inventory = java.nio.file.Files.writeString(work.resolve("inventory.yaml"), """
                devices:
                  - name: rtr-1
                    addresses: [192.0.2.1]
                  - name: rtr-2
                    addresses:
                      - 192.0.2.9
                      - 192.0.2.1
                """);

        Result r = run("run", "--inventory", inventory.toString(),
                "--kafka-port", String.valueOf(PortProbe.freePort()),
                "--kafka-controller-port", String.valueOf(PortProbe.freePort()),
                "--syslog-port", String.valueOf(PortProbe.freePort()),
                "--http-port", String.valueOf(PortProbe.freePort()),
                "--data-dir", work.resolve("data").toString());

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stderr).singleElement().asString()
                .isEqualTo("tunnelwatch: " + inventory + " line 7: device 'rtr-2' repeats address 192.0.2.1 of"
                        + " 'rtr-1'");
        assertThat(work.resolve("data")).as("nothing started").doesNotExist();
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
}
