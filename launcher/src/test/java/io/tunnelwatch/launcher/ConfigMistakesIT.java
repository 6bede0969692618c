package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.broker.PortProbe;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void shouldNameTheHttpPortThatIsAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            Result r = run("run", "--http-host", "127.0.0.1", "--http-port", String.valueOf(port),
                    "--syslog-port", String.valueOf(PortProbe.freePort()));

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains("127.0.0.1:" + port).contains("--http-port");
        }
    }

    @Test
    void shouldNameTheSyslogPortThatIsAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            Result r = run("run", "--syslog-host", "127.0.0.1", "--syslog-port", String.valueOf(port),
                    "--http-port", String.valueOf(PortProbe.freePort()));

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains(":" + port).contains("--syslog-port");
        }
    }

    @Test
    void shouldNameTheEmbeddedKafkaPortThatIsAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            Result r = run("run", "--kafka-port", String.valueOf(port),
                    "--kafka-controller-port", String.valueOf(PortProbe.freePort()),
                    "--syslog-port", String.valueOf(PortProbe.freePort()),
                    "--http-port", String.valueOf(PortProbe.freePort()),
                    "--data-dir", work.resolve("data").toString());

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.stderr).singleElement().asString()
                    .contains("127.0.0.1:" + port).contains("--kafka-port");
        }
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
