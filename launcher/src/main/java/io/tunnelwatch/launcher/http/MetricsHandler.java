package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the Prometheus client's scrape handler (content negotiation between the text format and
 * OpenMetrics, {@code name[]} filters, exactly as the client serves them) with one change: a client that accepts gzip
 * gets it at level 1 instead of the JDK's default level 6. At 100,000 peers the text is about 60 MB, and level 6 took
 * several times longer than writing it; level 1 compresses this repetitive text almost as well
 * (docs/performance.md, "one Prometheus scrape at 100,000 peers").
 */
final class MetricsHandler {

    static final String PATH = "/metrics";

    private final PrometheusScrapeHandler scrape;

    MetricsHandler(PrometheusRegistry registry) {
        this.scrape = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
    }

    void handle(HttpExchange exchange) throws IOException {
        boolean gzip = acceptsGzip(exchange);
        try (FastGzipExchange adapted = new FastGzipExchange(exchange, gzip)) {
            scrape.handleRequest(adapted);
        }
    }

    static boolean acceptsGzip(HttpExchange exchange) {
        return exchange.getRequestHeaders().getOrDefault("Accept-Encoding", java.util.List.of()).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(coding -> coding.split(";")[0].strip())
                .anyMatch("gzip"::equalsIgnoreCase);
    }

    /**
     * The client's exchange adapter, with Accept-Encoding hidden from the scrape handler (so it writes plain text)
     * and the body compressed here when the client takes gzip.
     */
    private static final class FastGzipExchange implements PrometheusHttpExchange {

        private final HttpExchange exchange;
        private final HttpExchangeAdapter adapter;
        private final boolean gzip;
        private GZIPOutputStream compressed;

        FastGzipExchange(HttpExchange exchange, boolean gzip) {
            this.exchange = exchange;
            this.adapter = new HttpExchangeAdapter(exchange);
            this.gzip = gzip;
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            PrometheusHttpRequest request = adapter.getRequest();
            return new PrometheusHttpRequest() {
                @Override
                public String getQueryString() {
                    return request.getQueryString();
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return "Accept-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                            : request.getHeaders(name);
                }

                @Override
                public String getMethod() {
                    return request.getMethod();
                }

                @Override
                public String getRequestPath() {
                    return request.getRequestPath();
                }
            };
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            PrometheusHttpResponse response = adapter.getResponse();
            return new PrometheusHttpResponse() {
                @Override
                public void setHeader(String name, String value) {
                    response.setHeader(name, value);
                }

                @Override
                public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) throws IOException {
                    if (!gzip || "HEAD".equals(exchange.getRequestMethod())) {
                        return response.sendHeadersAndGetBody(statusCode, contentLength);
                    }
                    exchange.getResponseHeaders().remove("Content-Length"); // of the plain text
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                    exchange.sendResponseHeaders(statusCode, 0); // chunked: the compressed length is not known yet
                    compressed = new GZIPOutputStream(exchange.getResponseBody(), 64 * 1024) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    };
                    return compressed;
                }
            };
        }

        @Override
        public void handleException(IOException e) throws IOException {
            adapter.handleException(e);
        }

        @Override
        public void handleException(RuntimeException e) {
            adapter.handleException(e);
        }

        @Override
        public void close() {
            if (compressed != null) {
                try {
                    compressed.close(); // writes the gzip trailer; a second close by the handler does nothing
                } catch (IOException clientGone) {
                    // the scraper hung up; nothing to tell it
                }
            }
            adapter.close();
        }
    }
}
