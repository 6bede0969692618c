package io.tunnelwatch.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.launcher.health.Readiness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} on the real endpoint: gzip (level 1) for a client that takes it, the same text either way. */
class MetricsHandlerTest {

    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HttpEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (int i = 0; i < 2_000; i++) {
            Counter.builder("tunnelwatch.test.lines").tag("device", "rtr-" + i).tag("peer", "198.51.100." + i % 250)
                    .register(registry).increment(i);
            int value = i;
            Gauge.builder("tunnelwatch.test.phase", () -> value % 6).tag("device", "rtr-" + i).register(registry);
        }
        endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, new Readiness());
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aClientTakingGzipGetsItAndTheSameTextAsAClientThatDoesNot() throws Exception {
        HttpResponse<byte[]> plain = get(null, null);
        HttpResponse<byte[]> gzip = get("gzip, deflate", null);

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("Content-Length")).isEmpty();
        String text = new String(plain.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("tunnelwatch_test_lines_total{device=\"rtr-1999\",peer=\"198.51.100.249\"} 1999.0");
        assertThat(gunzip(gzip.body())).isEqualTo(text);
        assertThat(gzip.body().length).isLessThan(plain.body().length / 5);
        assertThat(gzip.headers().firstValue("Content-Type")).isEqualTo(plain.headers().firstValue("Content-Type"));
    }

    @Test
    void openMetricsIsNegotiatedAsBeforeWithOrWithoutGzip() throws Exception {
        HttpResponse<byte[]> plain = get(null, OPENMETRICS);
        HttpResponse<byte[]> gzip = get("gzip", OPENMETRICS);

        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/openmetrics-text"));
        String text = new String(plain.body(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("# EOF\n");
        assertThat(gunzip(gzip.body())).isEqualTo(text);
    }

    @Test
    void theExporterHealthPathStillAnswers() throws Exception {
        HttpResponse<String> healthy = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + endpoint.port() + "/-/healthy")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("Exporter is healthy.\n");
    }

    private HttpResponse<byte[]> get(String acceptEncoding, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port()
                + "/metrics")).timeout(Duration.ofSeconds(10));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
