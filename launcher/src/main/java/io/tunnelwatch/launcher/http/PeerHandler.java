package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpExchange;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.streams.query.PeerQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /peers/{device}/{peer}} (DESIGN.md "Data flow"): the peer's state, recent events and open alert as JSON,
 * from {@link PeerQuery}. A key another instance owns answers {@code 307} with that instance's URL in
 * {@code Location} (clients follow it; nothing is proxied). 404 for an unknown peer, 503 while streams start.
 */
public final class PeerHandler {

    public static final String PREFIX = "/peers/";

    private volatile PeerQuery query;

    /** Serves queries from now on (the streams app starts after the HTTP endpoint). */
    public void attach(PeerQuery peerQuery) {
        this.query = peerQuery;
    }

    public void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getRawPath().substring(PREFIX.length()).split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            send(exchange, 400, Map.of("error", "use /peers/{device}/{peer}"));
            return;
        }
        String device = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String peer = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        PeerQuery q = query;
        if (q == null) {
            send(exchange, 503, Map.of("error", "the streams app does not run in this process, or not yet"));
            return;
        }
        PeerQuery.Answer answer = q.query(device, peer);
        if (answer instanceof PeerQuery.Found found) {
            send(exchange, 200, found.view());
        } else if (answer instanceof PeerQuery.Elsewhere elsewhere) {
            exchange.getResponseHeaders().set("Location",
                    "http://" + elsewhere.hostPort() + exchange.getRequestURI().getRawPath());
            send(exchange, 307, Map.of("owner", elsewhere.hostPort()));
        } else if (answer instanceof PeerQuery.Unavailable unavailable) {
            send(exchange, 503, Map.of("error", unavailable.reason()));
        } else {
            send(exchange, 404, Map.of("error", "no peer " + peer + " of device " + device + " is known"));
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
