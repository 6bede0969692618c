package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import io.tunnelwatch.launcher.http.HttpAccess;
import io.tunnelwatch.launcher.http.HttpEndpoint;
import io.tunnelwatch.launcher.http.HttpSecurity;
import io.tunnelwatch.launcher.http.HttpTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP endpoint behind a bearer token, basic auth and HTTPS, asked with the JDK's HTTP client on loopback. */
class HttpSecurityTest {

    private static final String TOKEN = "tok-3f9a1c77e2";

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Readiness readiness = new Readiness();
    private HttpEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void withABearerTokenOnlyItsHolderReadsMetricsAndPeersWhileProbesStayOpen() throws Exception {
        readiness.set("kafka", CheckStatus.ready("answered"));
        endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, readiness,
                new HttpSecurity(HttpAccess.bearer(TOKEN), null));
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> none = get(client, "http", "/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tunnelwatch\"");
        assertThat(get(client, "http", "/peers", "Bearer not-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get(client, "http", "/", "Basic " + basic("x", TOKEN)).statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = get(client, "http", "/metrics", "Bearer " + TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("tunnelwatch_http_requests_refused_total{reason=\"missing\"} 2.0")
                .contains("tunnelwatch_http_requests_refused_total{reason=\"wrong\"} 1.0")
                .doesNotContain(TOKEN);
        assertThat(get(client, "http", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get(client, "http", "/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void withBasicAuthTheUserAndPasswordBothCount() throws Exception {
        endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, readiness,
                new HttpSecurity(HttpAccess.basic("prometheus", "pw-81c2"), null));
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> none = get(client, "http", "/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"tunnelwatch\"");
        assertThat(get(client, "http", "/metrics", "Basic " + basic("grafana", "pw-81c2")).statusCode())
                .isEqualTo(401);
        assertThat(get(client, "http", "/metrics", "Basic " + basic("prometheus", "pw-81c3")).statusCode())
                .isEqualTo(401);
        assertThat(get(client, "http", "/metrics", "Basic not*base64").statusCode()).isEqualTo(401);
        assertThat(get(client, "http", "/metrics", "Basic " + basic("prometheus", "pw-81c2")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void withTlsTheEndpointSpeaksHttpsWithTheGivenCertificateOnly() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, readiness,
                new HttpSecurity(HttpAccess.bearer(TOKEN), HttpTls.fromPem(certificates.serverCert,
                        certificates.serverKey)));
        HttpClient trusting = HttpClient.newBuilder().sslContext(((JdkSslContext) SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK).trustManager(certificates.caCert.toFile()).build()).context()).build();

        assertThat(get(trusting, "https", "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(trusting, "https", "/metrics", null).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "https", "/metrics", "Bearer " + TOKEN))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> get(trusting, "http", "/metrics", "Bearer " + TOKEN))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unusableTlsFilesAreNamedAtStart() throws Exception {
        Path notACertificate = Files.writeString(dir.resolve("cert.pem"), "hello");
        assertThatThrownBy(() -> HttpTls.fromPem(notACertificate, dir.resolve("missing.key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cert.pem").hasMessageContaining("missing.key");
    }

    @Test
    void blankOrPaddedCredentialsAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> HttpAccess.bearer("  ")).hasMessage("the bearer token is empty");
        assertThatThrownBy(() -> HttpAccess.bearer("zq9\u0007x")).hasMessageNotContaining("zq9");
        assertThatThrownBy(() -> HttpAccess.basic("a:b", "pw")).hasMessageContaining("':'");
    }

    private HttpResponse<String> get(HttpClient client, String scheme, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + endpoint.port()
                + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
