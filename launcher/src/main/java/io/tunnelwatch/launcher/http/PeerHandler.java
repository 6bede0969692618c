package io.tunnelwatch.launcher.http;

import com.sun.net.httpserver.HttpExchange;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.launcher.view.FleetPage;
import io.tunnelwatch.launcher.view.HumanTime;
import io.tunnelwatch.launcher.view.PeerPage;
import io.tunnelwatch.launcher.view.PeerReport;
import io.tunnelwatch.streams.query.PeerQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code GET /peers/{device}/{peer}}: the peer's state, recent events, open alert and timeline as JSON, from
 * {@link PeerQuery}; to a browser ({@code Accept: text/html}) the same as the HTML {@link PeerPage}. A key another
 * instance owns answers {@code 307} with that instance's URL in {@code Location} (clients follow it; nothing is
 * proxied). 404 for an unknown peer, 503 while streams start. {@code GET /peers} lists the devices and
 * {@code GET /peers/{device}} one device's peers that this instance holds ({@code devices} or {@code peers}, the first
 * {@link PeerQuery#MAX_NAMES} by name, {@code count}), with {@code otherInstances} holding the rest: a client merges
 * their listings. {@link #fleet} is the fleet page of {@code /}.
 */
public final class PeerHandler {

    /** The listing of devices; one device's peers and one peer are below it. */
    public static final String LIST = "/peers";

    private static final String NOT_HERE = "the streams app does not run in this process, or not yet";

    private final Clock clock;
    private final String scheme;
    private volatile PeerQuery query;

    public PeerHandler(Clock clock) {
        this(clock, "http");
    }

    /** @param scheme {@code http} or {@code https}: what the other instances speak, as this one does */
    public PeerHandler(Clock clock, String scheme) {
        this.clock = clock;
        this.scheme = scheme;
    }

    /** Serves queries from now on (the streams app starts after the HTTP endpoint). */
    public void attach(PeerQuery peerQuery) {
        this.query = peerQuery;
    }

    public void handle(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getRawPath().substring(LIST.length()).replaceAll("^/+|/+$", "");
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/");
        if (parts.length > 2 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            send(exchange, 400, Map.of("error", "use /peers, /peers/{device} or /peers/{device}/{peer}"));
            return;
        }
        PeerQuery q = query;
        String device = parts.length > 0 ? URLDecoder.decode(parts[0], StandardCharsets.UTF_8) : null;
        if (parts.length == 2 && Accept.wantsHtml(exchange)) {
            page(exchange, q, device, URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            return;
        }
        if (q == null) {
            send(exchange, 503, Map.of("error", NOT_HERE));
            return;
        }
        if (parts.length < 2) {
            list(exchange, device == null ? q.devices() : q.peers(device), device);
            return;
        }
        String peer = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        PeerQuery.Answer answer = q.query(device, peer);
        if (answer instanceof PeerQuery.Found found) {
            send(exchange, 200, found.view());
        } else if (answer instanceof PeerQuery.Elsewhere elsewhere) {
            redirect(exchange, elsewhere);
            send(exchange, 307, Map.of("owner", elsewhere.hostPort()));
        } else if (answer instanceof PeerQuery.Unavailable unavailable) {
            send(exchange, 503, Map.of("error", unavailable.reason()));
        } else {
            send(exchange, 404, Map.of("error", unknown(device, peer)));
        }
    }

    /** The peer page: the same answers as the JSON, as HTML. */
    private void page(HttpExchange exchange, PeerQuery q, String device, String peer) throws IOException {
        PeerQuery.Answer answer = q == null ? new PeerQuery.Unavailable(NOT_HERE) : q.query(device, peer);
        if (answer instanceof PeerQuery.Found found) {
            PeerReport report = PeerReport.of(Json.mapper().valueToTree(found.view()), HumanTime.now(clock));
            Accept.sendHtml(exchange, 200, PeerPage.render(report));
        } else if (answer instanceof PeerQuery.Elsewhere elsewhere) {
            redirect(exchange, elsewhere);
            Accept.sendHtml(exchange, 307, PeerPage.problem(device, peer, "on " + elsewhere.hostPort()));
        } else if (answer instanceof PeerQuery.Unavailable unavailable) {
            Accept.sendHtml(exchange, 503, PeerPage.problem(device, peer, unavailable.reason()
                    + ". Reload in a few seconds."));
        } else {
            Accept.sendHtml(exchange, 404, PeerPage.problem(device, peer, unknown(device, peer)));
        }
    }

    /** {@code GET /} for a browser: the open alerts of the peers this instance holds, worst first. */
    void fleet(HttpExchange exchange) throws IOException {
        PeerQuery q = query;
        PeerQuery.Answer answer = q == null ? new PeerQuery.Unavailable(NOT_HERE) : q.fleet();
        if (answer instanceof PeerQuery.Fleet fleet) {
            Accept.sendHtml(exchange, 200, FleetPage.render(fleet, HumanTime.now(clock), scheme));
        } else {
            Accept.sendHtml(exchange, 503, FleetPage.unavailable(answer instanceof PeerQuery.Unavailable u
                    ? u.reason() : "no fleet now"));
        }
    }

    private void redirect(HttpExchange exchange, PeerQuery.Elsewhere elsewhere) {
        exchange.getResponseHeaders().set("Location",
                scheme + "://" + elsewhere.hostPort() + exchange.getRequestURI().getRawPath());
    }

    private static String unknown(String device, String peer) {
        return "no peer " + peer + " of device " + device + " is known";
    }

    private static void list(HttpExchange exchange, PeerQuery.Answer answer, String device) throws IOException {
        if (answer instanceof PeerQuery.Names names) {
            send(exchange, 200, device == null
                    ? Map.of("devices", names.names(), "count", names.count(),
                            "otherInstances", names.otherInstances())
                    : Map.of("device", device, "peers", names.names(), "count", names.count(),
                            "otherInstances", names.otherInstances()));
        } else {
            send(exchange, 503, Map.of("error", answer instanceof PeerQuery.Unavailable unavailable
                    ? unavailable.reason() : "no listing now"));
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
