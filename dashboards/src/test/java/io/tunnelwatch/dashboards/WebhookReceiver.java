package io.tunnelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * A webhook receiver as Alertmanager's {@code webhook_configs} posts to, on a free loopback port: it keeps every
 * notification (the receiver's path and the JSON body) in the order they arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One notification: a group of alerts, {@code firing} while any of them fires, {@code resolved} after. */
    record Notification(String path, JsonNode body) {

        String status() {
            return body.path("status").asText();
        }

        List<JsonNode> alerts() {
            return StreamSupport.stream(body.path("alerts").spliterator(), false).toList();
        }

        /** The notification's alerts with these label values, in {@code status} (firing or resolved). */
        List<JsonNode> alerts(String alertStatus, String alertname, String device, String peer) {
            return alerts().stream().filter(a -> a.path("status").asText().equals(alertStatus))
                    .filter(a -> a.path("labels").path("alertname").asText().equals(alertname))
                    .filter(a -> a.path("labels").path("device").asText().equals(device))
                    .filter(a -> peer == null || a.path("labels").path("peer").asText().equals(peer)).toList();
        }
    }

    private final HttpServer server;
    private final List<Notification> received = new ArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::receive);
        server.start();
    }

    /** Where Alertmanager posts: {@code http://127.0.0.1:PORT}, to which a receiver's path is added. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Notification> notifications() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            synchronized (received) {
                received.add(new Notification(exchange.getRequestURI().getPath(), body));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
