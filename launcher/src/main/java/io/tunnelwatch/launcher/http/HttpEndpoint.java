package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.launcher.health.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoint of a tunnelwatch process, on the JDK's HTTP server: {@code /metrics} (Prometheus text or
 * OpenMetrics from Micrometer's registry, {@link MetricsHandler}), {@code /healthz} and {@code /readyz}
 * ({@link HealthHandler}), {@code /-/healthy} (as the Prometheus client's own server answers it), {@code /peers}, {@code /peers/{device}} and {@code /peers/{device}/{peer}}
 * ({@link PeerHandler}) and at {@code /} the fleet page for a browser ({@code Accept: text/html}), else an index as
 * text.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** The Prometheus client's liveness path, kept for whoever probes it. */
    static final String EXPORTER_HEALTHY = "/-/healthy";

    /** Scrapes, probes and page views are few and short; a scrape at 100,000 peers takes about a second. */
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final PeerHandler peers;

    private HttpEndpoint(HttpServer server, ExecutorService executor, PeerHandler peers) {
        this.server = server;
        this.executor = executor;
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
        MetricsHandler metrics = new MetricsHandler(registry.getPrometheusRegistry());
        InetSocketAddress address = new InetSocketAddress(host, port);
        HttpServer server;
        if (security.tls() == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(security.tls().configurator());
            server = https;
        }
        HttpContext context = server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, metrics, peers, health);
            }
        });
        if (security.access().requiresCredentials()) {
            context.setAuthenticator(security.access().countedIn(registry));
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread t = new Thread(task, "tunnelwatch-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoint(server, executor, peers);
    }

    /** Where {@code /peers/…} queries go once the streams app runs. */
    public PeerHandler peers() {
        return peers;
    }

    private static void route(HttpExchange exchange, MetricsHandler metrics, PeerHandler peers, HealthHandler health)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (MetricsHandler.PATH.equals(path)) {
            metrics.handle(exchange);
        } else if (EXPORTER_HEALTHY.equals(path)) {
            send(exchange, 200, "Exporter is healthy.\n");
        } else if (path.equals(PeerHandler.LIST) || path.startsWith(PeerHandler.LIST + "/")) {
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
        return server.getAddress().getPort();
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
        send(exchange, "/".equals(exchange.getRequestURI().getPath()) ? 200 : 404, body);
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
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
        server.stop(0);
        executor.shutdownNow();
    }
}
