package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.simulator.trap.TrapSender;
import io.tunnelwatch.simulator.tunnel.Notification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snmp4j.CommunityTarget;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * {@code /readyz} of the packaged jar, as a deployment script or a Kubernetes probe uses it: polled from the moment
 * the process starts, it answers 503 until syslog, traps, Kafka and streams are all up; whatever is sent the moment it
 * first says 200 is all counted. A role whose Kafka does not answer is alive and says that Kafka is what it waits for.
 */
class ReadyBeforeTrafficIT {

    private static final int LINES = 100;
    private static final int TRAPS = 5;
    private static final String COMMUNITY = "readysecret";

    @TempDir
    Path work;

    @Test
    void shouldCountEverySyslogLineAndTrapSentTheMomentReadyzFirstSaysReady() throws Exception {
        int httpPort = PortProbe.freePort();
        int syslogPort = PortProbe.freePort();
        int trapPort = PortProbe.freePort();
        Path inventory = Files.writeString(work.resolve("inventory.yaml"), """
                devices:
                  - name: rtr-ready
                    addresses: [127.0.0.1]
                    snmp: {version: 2c, community: %s, port: %d}
                """.formatted(COMMUNITY, PortProbe.freePort()));
        try (TunnelwatchProcess run = TunnelwatchProcess.start(work, "run",
                "--data-dir", work.resolve("data").toString(),
                "--kafka-port", String.valueOf(PortProbe.freePort()),
                "--kafka-controller-port", String.valueOf(PortProbe.freePort()),
                "--syslog-host", "127.0.0.1", "--syslog-port", String.valueOf(syslogPort),
                "--trap-host", "127.0.0.1", "--trap-port", String.valueOf(trapPort),
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--inventory", inventory.toString())) {
            List<HealthProbe.Answer> answers = new ArrayList<>();
            // until curl -sf http://127.0.0.1:PORT/readyz; do sleep 0.05; done
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                    .failFast("tunnelwatch exited", () -> !run.isAlive())
                    .until(() -> {
                        Optional<HealthProbe.Answer> answer = HealthProbe.tryGet(httpPort, "/readyz", "text/plain");
                        answer.ifPresent(answers::add);
                        return answer.map(a -> a.status() == 200).orElse(false);
                    });
            sendSyslogOverUdp(syslogPort);
            sendSyslogOverTcp(syslogPort);
            sendTraps(trapPort);

            List<HealthProbe.Answer> before = answers.subList(0, answers.size() - 1);
            assertThat(before).as("/readyz answers before it first said ready").isNotEmpty()
                    .allSatisfy(a -> {
                        assertThat(a.status()).isEqualTo(503);
                        assertThat(a.body()).startsWith("not ready: ");
                    });
            assertThat(answers.get(answers.size() - 1).body()).startsWith("ready\n")
                    .containsPattern("(?m)^kafka +ready ").containsPattern("(?m)^syslog +ready ")
                    .containsPattern("(?m)^traps +ready ").containsPattern("(?m)^streams +ready ");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                String page = MetricsScrape.page(httpPort);
                assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_parsed_total{transport=\"udp\"}"))
                        .hasValue(LINES);
                assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_parsed_total{transport=\"tcp\"}"))
                        .hasValue(LINES);
                assertThat(MetricsScrape.value(page,
                        "tunnelwatch_snmp_traps_total{outcome=\"accepted\",type=\"cikeTunnelStop\"}"))
                        .hasValue(TRAPS);
                assertThat(MetricsScrape.value(page,
                        "tunnelwatch_kafka_published_total{topic=\"tunnelwatch.events\"}"))
                        .hasValue(2 * LINES + TRAPS);
            });
        }
    }

    @ParameterizedTest(name = "tunnelwatch {0}")
    @ValueSource(strings = {"collector", "streams"})
    void shouldBeAliveButNotReadyNamingKafkaWhileNoBrokerAnswers(String role) throws Exception {
        int httpPort = PortProbe.freePort();
        String nowhere = "127.0.0.1:" + PortProbe.freePort();
        List<String> args = new ArrayList<>(List.of(role, "--bootstrap-servers", nowhere, "--kafka-timeout", "300",
                "--data-dir", work.resolve("data").toString(),
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort)));
        if ("collector".equals(role)) {
            args.addAll(List.of("--syslog-host", "127.0.0.1", "--syslog-port", String.valueOf(PortProbe.freePort()),
                    "--trap-host", "127.0.0.1", "--trap-port", String.valueOf(PortProbe.freePort())));
        }
        try (TunnelwatchProcess process = TunnelwatchProcess.start(work, args.toArray(String[]::new))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("tunnelwatch exited", () -> !process.isAlive())
                    .until(() -> HealthProbe.tryGet(httpPort, "/healthz", "text/plain").isPresent());

            assertThat(HealthProbe.get(httpPort, "/healthz")).isEqualTo(new HealthProbe.Answer(200, "ok\n"));
            HealthProbe.Answer ready = HealthProbe.get(httpPort, "/readyz");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).startsWith("not ready: kafka")
                    .containsPattern("(?m)^kafka +NOT READY +waiting for " + nowhere + " to answer \\(up to 300 s at"
                            + " start\\)$");
            assertThat(HealthProbe.get(httpPort, "/readyz", "application/json").body())
                    .startsWith("{\"ready\":false,\"checks\":[{\"name\":\"kafka\",\"ready\":false,");
        }
    }

    private static void sendSyslogOverUdp(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < LINES; i++) {
                byte[] line = line(i, 1).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(line, line.length, target));
            }
        }
    }

    private static void sendSyslogOverTcp(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                lines.append(line(i, 2)).append('\n');
            }
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A session going down, to one of {@link #LINES} peers per transport. */
    private static String line(int i, int transport) {
        return SyslogSender.sessionStatus(i, "DOWN", "10." + transport + "." + i / 250 + "." + (i % 250 + 1), 500);
    }

    private static void sendTraps(int port) throws IOException {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + port),
                new OctetString(COMMUNITY));
        target.setVersion(SnmpConstants.version2c);
        Snmp snmp = new Snmp(new DefaultUdpTransportMapping());
        try {
            for (int i = 1; i <= TRAPS; i++) {
                snmp.send(TrapSender.pdu(new Notification.IkeTunnelStop(i, "192.0.2.1", "198.51.100." + i, 100),
                        1000), target);
            }
        } finally {
            snmp.close();
        }
    }
}
