package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.events.PeerPhase;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 6587 framing against real senders: util-linux {@code logger} over TCP with octet counting and with LF
 * framing, wrapping the router line in its RFC 3164 and RFC 5424 headers; and a sender whose octet count lies.
 * Each message must become the peer's phase on {@code /metrics}, with no frame dropped.
 */
class SyslogTcpFramingIT {

    private static final String DEVICE = "127.0.0.1";

    @RegisterExtension
    final RunningPipeline running = RunningPipeline.withStreams().tcpOnly();

    @Test
    void shouldReadLoggerOverTcpWithOctetCountingAndWithLineFeedsInBothHeaderForms() {
        SyslogSender.tcp(running.syslogPort(), SyslogSender.sessionStatus(21, "DOWN", "192.0.2.21", 500),
                "--octet-count", "--rfc5424");
        SyslogSender.tcp(running.syslogPort(), SyslogSender.sessionStatus(22, "DOWN", "192.0.2.22", 500),
                "--octet-count", "--rfc3164");
        SyslogSender.tcp(running.syslogPort(), SyslogSender.sessionStatus(23, "UP", "192.0.2.23", 500), "--rfc5424");
        SyslogSender.tcp(running.syslogPort(), SyslogSender.sessionStatus(24, "UP", "192.0.2.24", 500), "--rfc3164");

        awaitPhase("192.0.2.21", PeerPhase.DOWN);
        awaitPhase("192.0.2.22", PeerPhase.DOWN);
        awaitPhase("192.0.2.23", PeerPhase.IPSEC_UP);
        awaitPhase("192.0.2.24", PeerPhase.IPSEC_UP);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String page = MetricsScrape.page(running.httpPort());
            assertThat(value(page, "tunnelwatch_syslog_parsed_total{transport=\"tcp\"}")).hasValue(4.0);
            assertThat(value(page, "tunnelwatch_syslog_connections_accepted_total{transport=\"tcp\"}"))
                    .hasValue(4.0);
            assertThat(value(page, "tunnelwatch_syslog_connections_open{transport=\"tcp\"}"))
                    .as("logger closes its connection after the message").hasValue(0.0);
        });
        String page = MetricsScrape.page(running.httpPort());
        for (String reason : new String[] {"frame_too_long", "bad_octet_count", "truncated_frame"}) {
            assertThat(value(page, "tunnelwatch_syslog_dropped_total{reason=\"" + reason + "\",transport=\"tcp\"}"))
                    .as(reason).hasValue(0.0);
        }
    }

    @Test
    void shouldCountALyingOctetCountAndAFrameCutShortAndKeepServingOtherConnections() throws Exception {
        String good = SyslogSender.sessionStatus(31, "DOWN", "192.0.2.31", 500);
        try (Socket liar = new Socket("127.0.0.1", running.syslogPort())) {
            OutputStream out = liar.getOutputStream();
            out.write((good.length() + " " + good + "7x7 this is no octet count\n"
                    + "500 only a few octets").getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitPhase("192.0.2.31", PeerPhase.DOWN);

            SyslogSender.tcp(running.syslogPort(), SyslogSender.sessionStatus(32, "UP", "192.0.2.32", 500), "--octet-count");
            awaitPhase("192.0.2.32", PeerPhase.IPSEC_UP);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(value(MetricsScrape.page(running.httpPort()),
                    "tunnelwatch_syslog_dropped_total{reason=\"bad_octet_count\",transport=\"tcp\"}")).hasValue(1.0));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(value(MetricsScrape.page(running.httpPort()),
                "tunnelwatch_syslog_dropped_total{reason=\"truncated_frame\",transport=\"tcp\"}")).hasValue(1.0));
    }

    private static OptionalDouble value(String page, String series) {
        return MetricsScrape.value(page, series);
    }

    private void awaitPhase(String peer, PeerPhase phase) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(MetricsScrape.peerPhase(running.httpPort(), DEVICE, peer))
                        .isEqualTo(OptionalDouble.of(phase.code())));
    }
}
