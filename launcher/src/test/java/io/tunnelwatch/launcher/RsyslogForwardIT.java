package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.launcher.allinone.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real relay: a private {@code rsyslogd} (its own config, pid file and work directory in the test's temp dir; no
 * local socket input) reads a router line from a file with {@code imfile} and forwards it with {@code omfwd} over TCP
 * with octet counting and with LF framing ("traditional"), the way a site relay forwards router syslog to tunnelwatch.
 */
class RsyslogForwardIT {

    private static final String DEVICE = "127.0.0.1";

    @TempDir
    Path dir;

    private Pipeline pipeline;
    private Process rsyslogd;
    private int syslogPort;
    private int httpPort;

    @BeforeEach
    void startPipeline() throws IOException {
        syslogPort = PortProbe.freePort();
        httpPort = PortProbe.freePort();
        pipeline = new Pipeline(FixturePipelines.config(Files.createDirectories(dir.resolve("data")),
                FixturePipelines.syslog(syslogPort, false), httpPort, true)).start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (rsyslogd != null) {
            rsyslogd.destroy();
            assertThat(rsyslogd.waitFor(10, TimeUnit.SECONDS)).as("rsyslogd stopped").isTrue();
        }
        pipeline.close();
    }

    @ParameterizedTest(name = "TCP_Framing={0}")
    @ValueSource(strings = {"octet-counted", "traditional"})
    void shouldTakeARouterLineRsyslogForwardsOverTcp(String framing) throws Exception {
        Path input = dir.resolve("router.log");
        Files.writeString(input, SyslogSender.sessionStatus(51, "DOWN", "192.0.2.51", 500) + "\n");
        rsyslogd = startRsyslogd(input, framing);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, "192.0.2.51"))
                        .isEqualTo(OptionalDouble.of(PeerPhase.DOWN.code())));
        String page = MetricsScrape.page(httpPort);
        assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_parsed_total{transport=\"tcp\"}")).hasValue(1.0);
        assertThat(MetricsScrape.value(page,
                "tunnelwatch_syslog_dropped_total{reason=\"bad_octet_count\",transport=\"tcp\"}")).hasValue(0.0);
    }

    private Process startRsyslogd(Path input, String framing) throws IOException {
        Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s")
                module(load="imfile" mode="polling" PollingInterval="1")
                input(type="imfile" File="%s" Tag="router:")
                action(type="omfwd" Target="127.0.0.1" Port="%d" Protocol="tcp" TCP_Framing="%s"
                       Template="RSYSLOG_ForwardFormat")
                """.formatted(work, input, syslogPort, framing));
        return new ProcessBuilder(daemon("rsyslogd"), "-n", "-f", conf.toString(), "-i", dir.resolve("rsyslogd.pid")
                .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
    }

    /** Debian puts daemons in /usr/sbin, which a non-login PATH may lack. */
    private static String daemon(String name) {
        Path sbin = Path.of("/usr/sbin", name);
        return java.nio.file.Files.isExecutable(sbin) ? sbin.toString() : name;
    }
}
