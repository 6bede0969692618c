package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.PeerPhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tunnelwatch run} as a user runs it: the packaged jar in its own JVM with the embedded broker. A peer's
 * phase survives a SIGKILL (restored from Kafka), and SIGTERM stops everything cleanly within 15 s.
 */
class RestartIT {

    private static final String DEVICE = "127.0.0.1";
    private static final String PEER = "192.0.2.7";

    @TempDir
    Path work;

    private final int kafkaPort = PortProbe.freePort();
    private final int controllerPort = PortProbe.freePort();
    private final int syslogPort = PortProbe.freePort();
    private final int httpPort = PortProbe.freePort();
    private final int trapPort = PortProbe.freePort();

    @Test
    void shouldRestoreAPeerPhaseAfterAKillAndStopCleanlyOnSigterm() throws Exception {
        try (TunnelwatchProcess first = run()) {
            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(12, "DOWN", PEER, 500));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER))
                            .isEqualTo(OptionalDouble.of(PeerPhase.DOWN.code())));
            first.kill();
        }

        try (TunnelwatchProcess second = run()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(second.stderr()).anyMatch(l -> l.contains("Reusing Kafka storage")));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER))
                            .as("phase restored without any new syslog")
                            .isEqualTo(OptionalDouble.of(PeerPhase.DOWN.code())));

            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(13, "UP", PEER, 500));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER))
                            .isEqualTo(OptionalDouble.of(PeerPhase.IPSEC_UP.code())));

            int exit = second.stop(15);
            assertThat(exit).as("exit code after SIGTERM (-1: still running after 15 s)\n%s", second.describe())
                    .isNotEqualTo(-1);
            assertThat(second.stdout()).as("exit %d\n%s", exit, second.describe())
                    .anyMatch(l -> l.startsWith("tunnelwatch stopped in "));
            assertThat(second.stderr()).anyMatch(l -> l.contains("Publisher for tunnelwatch.events flushed and closed"))
                    .anyMatch(l -> l.contains("Stopping the embedded Kafka broker"));
        }
    }

    private TunnelwatchProcess run() throws Exception {
        TunnelwatchProcess p = TunnelwatchProcess.start(work, "run",
                "--data-dir", work.resolve("data").toString(),
                "--kafka-port", String.valueOf(kafkaPort),
                "--kafka-controller-port", String.valueOf(controllerPort),
                "--syslog-host", "127.0.0.1",
                "--syslog-port", String.valueOf(syslogPort),
                "--http-host", "127.0.0.1",
                "--http-port", String.valueOf(httpPort),
                "--trap-host", "127.0.0.1",
                "--trap-port", String.valueOf(trapPort));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .failFast("tunnelwatch exited", () -> !p.isAlive())
                .until(() -> p.printed("tunnelwatch run is ready"));
        assertThat(p.stdout()).anyMatch(l -> l.contains("metrics   http://127.0.0.1:" + httpPort + "/metrics"))
                .anyMatch(l -> l.contains("udp 127.0.0.1:" + syslogPort));
        return p;
    }
}
