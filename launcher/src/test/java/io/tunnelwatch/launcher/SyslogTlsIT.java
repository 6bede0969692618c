package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.config.SyslogTlsConfig;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.launcher.allinone.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS (RFC 5425) with client certificates required, against a real TLS client: {@code openssl s_client}
 * sends one octet-counted line. A client with a certificate from the configured CA gets through to the peer phase
 * on {@code /metrics}; one without a certificate, or with a certificate from another CA, fails its handshake and is
 * counted. One all-in-one serves the whole class; counters are compared before and after each sender.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyslogTlsIT {

    private static final String DEVICE = "127.0.0.1";
    private static final String FAILURES = "tunnelwatch_syslog_tls_handshake_failures_total";
    private static final String TLS_RECEIVED = "tunnelwatch_syslog_received_total{transport=\"tls\"}";

    private TestCertificates certs;
    private Pipeline pipeline;
    private int tlsPort;
    private int httpPort;

    @BeforeAll
    void startPipelineWithTls(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        certs = TestCertificates.create(Files.createDirectories(dir.resolve("pki")));
        tlsPort = PortProbe.freePort();
        httpPort = PortProbe.freePort();
        SyslogListenerConfig syslog = SyslogListenerConfig.defaults().withPorts("127.0.0.1", -1, -1)
                .withTls(tlsPort, new SyslogTlsConfig(certs.serverCert, certs.serverKey, certs.caCert,
                        SyslogTlsConfig.ClientAuth.REQUIRED));
        pipeline = new Pipeline(FixturePipelines.config(data, syslog, httpPort, true)).start();
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldTakeAnOctetCountedLineFromAClientWithACertificateFromTheCa() {
        double failuresBefore = value(FAILURES);
        String line = SyslogSender.sessionStatus(41, "UP", "192.0.2.41", 4500);

        sClient(octetCounted(line), certs.clientCert, certs.clientKey);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, "192.0.2.41"))
                        .isEqualTo(OptionalDouble.of(PeerPhase.IPSEC_UP.code())));
        assertThat(value("tunnelwatch_syslog_parsed_total{transport=\"tls\"}")).isEqualTo(1.0);
        assertThat(value("tunnelwatch_syslog_connections_accepted_total{transport=\"tls\"}")).isPositive();
        assertThat(value(FAILURES)).isEqualTo(failuresBefore);
    }

    @Test
    void shouldRejectAndCountAClientWithoutACertificate() {
        assertRejected(null, null);
    }

    @Test
    void shouldRejectAndCountAClientWhoseCertificateTheCaDidNotSign() {
        assertRejected(certs.strangerCert, certs.strangerKey);
    }

    private void assertRejected(Path cert, Path key) {
        double failuresBefore = value(FAILURES);
        double receivedBefore = value(TLS_RECEIVED);

        sClient(octetCounted(SyslogSender.sessionStatus(42, "DOWN", "192.0.2.42", 500)), cert, key);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(value(FAILURES)).isEqualTo(failuresBefore + 1));
        assertThat(value(TLS_RECEIVED)).as("nothing read from a connection that failed its handshake")
                .isEqualTo(receivedBefore);
        assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, "192.0.2.42")).isEmpty();
    }

    /** Sends {@code payload} with {@code openssl s_client}, which ends once its input ends ({@code -no_ign_eof}). */
    private void sClient(byte[] payload, Path cert, Path key) {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + tlsPort,
                "-quiet", "-no_ign_eof", "-CAfile", certs.caCert.toString(), "-verify_return_error"));
        if (cert != null) {
            cmd.addAll(List.of("-cert", cert.toString(), "-key", key.toString()));
        }
        TestCertificates.OpensslProcess.runToEnd(new ProcessBuilder(cmd), payload);
    }

    private static byte[] octetCounted(String line) {
        byte[] msg = line.getBytes(StandardCharsets.UTF_8);
        return (msg.length + " " + line).getBytes(StandardCharsets.UTF_8);
    }

    private double value(String series) {
        return MetricsScrape.value(MetricsScrape.page(httpPort), series).orElseThrow(() ->
                new AssertionError(series + " is not on /metrics"));
    }
}
