package io.tunnelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tunnelwatch.broker.PortProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code prometheus}) on a free loopback port: it scrapes one tunnelwatch as the job
 * {@code tunnelwatch} the rules expect, evaluates the repository's rule files as they are (read in place, not
 * copied), and sends its alerts to one Alertmanager. Scrapes every 2 s, evaluates every second, so a test waits
 * for the rules' {@code for:} and little else. Not a shorter scrape timeout: on a busy machine a scrape that times out
 * marks every series stale, and each pending alert starts its {@code for:} over.
 */
final class LivePrometheus implements AutoCloseable {

    static final DebianTool PROMETHEUS = new DebianTool("prometheus", "prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess server;

    private LivePrometheus(ServerProcess server) {
        this.server = server;
    }

    /** Starts it in {@code dir}; returns without waiting for it. */
    static LivePrometheus start(Path dir, int tunnelwatchHttpPort, String alertmanagerUrl) throws IOException {
        String ruleFiles = RuleFiles.ruleFiles().stream().map(f -> "  - " + f.toAbsolutePath())
                .collect(Collectors.joining("\n"));
        String config = """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 1s
                rule_files:
                %s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["%s"]
                scrape_configs:
                  - job_name: tunnelwatch
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(ruleFiles, alertmanagerUrl.replaceFirst("^http://", ""), tunnelwatchHttpPort);
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = PortProbe.freePort();
        return new LivePrometheus(ServerProcess.start(PROMETHEUS, "http://127.0.0.1:" + port,
                dir.resolve("prometheus.log"), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + port));
    }

    /** Blocks until {@code /-/ready} answers 200 (30 s at most). */
    void awaitReady() {
        server.awaitReady("/-/ready");
    }

    /**
     * {@code /api/v1/query} at the current time: the whole answer, {@code status} {@code success} with its
     * {@code data.result}, or {@code error} with {@code error} (a query that does not parse).
     */
    JsonNode query(String promql) {
        HttpResponse<String> response = server.get("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("query " + promql + " answered " + response.statusCode() + ": "
                    + response.body(), e);
        }
    }

    /** The series {@code promql} returns now (empty when none, or when it does not parse). */
    JsonNode result(String promql) {
        return query(promql).path("data").path("result");
    }

    /** {@code /api/v1/alerts}: the pending and firing alerts of the rules, with their labels and annotations. */
    JsonNode alerts() {
        return server.getJson("/api/v1/alerts").path("data").path("alerts");
    }

    String log() {
        return server.log();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
