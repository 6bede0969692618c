package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.tunnelwatch.launcher.health.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The HTTP endpoint of a tunnelwatch process: {@code /metrics} (Prometheus text or OpenMetrics, by the Prometheus
 * Java client's exporter over Micrometer's registry), {@code /healthz} and {@code /readyz} ({@link HealthHandler}),
 * {@code /-/healthy} (the exporter's own), {@code /peers}, {@code /peers/{device}} and {@code /peers/{device}/{peer}}
 * ({@link PeerHandler}) and at {@code /} the fleet page for a browser ({@code Accept: text/html}), else an index as
 * text.
 */
public final class HttpEndpoint implements AutoCloseable {

    private final HTTPServer server;
    private final PeerHandler peers;

    private HttpEndpoint(HTTPServer server, PeerHandler peers) {
        this.server = server;
        this.peers = peers;
    }

    /**
     * @param readiness what {@code /readyz} reports
     * @throws IOException when the port cannot be bound
     */
    public static HttpEndpoint start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness)
            throws IOException {
        return start(host, port, registry, readiness, HttpSecurity.none());
    }

    /**
     * @param security HTTPS and who may read every path but the probes
     * @throws IOException when the port cannot be bound
     */
    public static HttpEndpoint start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
            HttpSecurity security) throws IOException {
        PeerHandler peers = new PeerHandler(Clock.systemUTC(), security.scheme());
        HealthHandler health = new HealthHandler(readiness);
        HTTPServer.Builder builder = HTTPServer.builder()
                .hostname(host)
                .port(port)
                .registry(registry.getPrometheusRegistry())
                .defaultHandler(exchange -> route(exchange, peers, health));
        if (security.access().requiresCredentials()) {
            builder.authenticator(security.access().countedIn(registry));
        }
        if (security.tls() != null) {
            builder.httpsConfigurator(security.tls().configurator());
        }
        return new HttpEndpoint(builder.buildAndStart(), peers);
    }

    /** Where {@code /peers/…} queries go once the streams app runs. */
    public PeerHandler peers() {
        return peers;
    }

    private static void route(HttpExchange exchange, PeerHandler peers, HealthHandler health) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(PeerHandler.LIST) || path.startsWith(PeerHandler.LIST + "/")) {
            peers.handle(exchange);
        } else if (HealthHandler.HEALTH.equals(path)) {
            health.health(exchange);
        } else if (HealthHandler.READY.equals(path)) {
            health.ready(exchange);
        } else if ("/".equals(path) && Accept.wantsHtml(exchange)) {
            peers.fleet(exchange);
        } else {
            index(exchange);
        }
    }

    public int port() {
        return server.getPort();
    }

    private static void index(HttpExchange exchange) throws IOException {
        byte[] body = ("tunnelwatch\n\n/metrics                  Prometheus metrics\n"
                + "/healthz                  liveness: 200 while the process serves HTTP\n"
                + "/readyz                   readiness: 200 once listeners, Kafka and streams are up, else 503, why\n"
                + "/peers                    the devices known (JSON)\n"
                + "/peers/{device}           the peers of one device known (JSON)\n"
                + "/peers/{device}/{peer}    one peer: state, recent events, open alert, timeline (JSON; a page"
                + " in a browser)\n"
                + "/                         in a browser: the open alerts, worst first\n")
                .getBytes(StandardCharsets.UTF_8);
        int status = "/".equals(exchange.getRequestURI().getPath()) ? 200 : 404;
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The address to print: a wildcard bind is reachable on loopback. */
    public static String displayHost(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    }

    public InetSocketAddress address(String host) {
        return new InetSocketAddress(displayHost(host), port());
    }

    @Override
    public void close() {
        server.stop();
    }
}
