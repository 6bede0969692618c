package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpExchange;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.launcher.health.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /healthz} and {@code /readyz}, for probes and for an operator with curl. {@code /healthz} answers 200
 * {@code ok} whenever the process serves HTTP (liveness: nothing it waits for counts). {@code /readyz} answers 200
 * when every check of {@link Readiness} passes, else 503; both list every check and its reason, as plain text, or as
 * JSON when the client accepts {@code application/json}.
 */
final class HealthHandler {

    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";

    private final Readiness readiness;

    HealthHandler(Readiness readiness) {
        this.readiness = readiness;
    }

    void health(HttpExchange exchange) throws IOException {
        if (wantsJson(exchange)) {
            send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(Map.of("status", "ok")));
        } else {
            send(exchange, 200, "text/plain; charset=utf-8", "ok\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    void ready(HttpExchange exchange) throws IOException {
        Readiness.Report report = readiness.report();
        int status = report.ready() ? 200 : 503;
        if (wantsJson(exchange)) {
            send(exchange, status, "application/json", Json.mapper().writeValueAsBytes(json(report)));
        } else {
            send(exchange, status, "text/plain; charset=utf-8", text(report).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code ready} or {@code not ready: kafka, streams}, then one line per check: name, {@code ready} or
     * {@code NOT READY}, and its reason, in columns.
     */
    static String text(Readiness.Report report) {
        List<Readiness.Result> results = report.results();
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder(report.ready() ? "ready" : "not ready: " + report.notReady().stream()
                .map(Readiness.Result::name).collect(Collectors.joining(", "))).append('\n');
        for (Readiness.Result r : results) {
            out.append(String.format("%-" + width + "s  %-9s  %s%n", r.name(),
                    r.status().ready() ? "ready" : "NOT READY", r.status().detail()));
        }
        return out.toString();
    }

    /** {@code {"ready": false, "checks": [{"name": "kafka", "ready": true, "detail": "…"}, …]}} */
    static Map<String, Object> json(Readiness.Report report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", report.ready());
        body.put("checks", report.results().stream().map(r -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", r.name());
            check.put("ready", r.status().ready());
            check.put("detail", r.status().detail());
            return check;
        }).toList());
        return body;
    }

    private static boolean wantsJson(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains("application/json");
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
