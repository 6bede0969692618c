package io.tunnelwatch.dashboards;

import static io.tunnelwatch.dashboards.DebianTool.ALERTMANAGER;
import static io.tunnelwatch.dashboards.DebianTool.AMTOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tunnelwatch.dashboards.DebianTool.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example Alertmanager configuration through Debian's {@code prometheus-alertmanager} package: amtool accepts it,
 * routes by severity, renders its template, and a real Alertmanager holds a device's peer alerts while the device is
 * silent.
 */
class AlertmanagerConfigIT {

    private static final Path DIR = Path.of("alertmanager").toAbsolutePath();
    private static final Path CONFIG = DIR.resolve("alertmanager.yml");
    private static final String PLACEHOLDER_WEBHOOK = "http://127.0.0.1:5001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process alertmanager;
    private HttpServer webhookSink;

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            assertThat(alertmanager.waitFor(20, TimeUnit.SECONDS)).as("alertmanager stopped").isTrue();
        }
        if (webhookSink != null) {
            webhookSink.stop(0);
        }
    }

    @Test
    void shouldAcceptTheConfigAndItsTemplate() throws Exception {
        Result result = AMTOOL.run(DIR, "check-config", CONFIG.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 inhibit rules", "1 templates").doesNotContain("FAILED");
    }

    @Test
    void shouldPageCriticalAlertsAndQueueWarnings() throws Exception {
        assertRoutedTo("tunnelwatch-critical", "alertname=DecapsStalled", "severity=critical", "device=rtr-01",
                "peer=192.0.2.2", "layer=traffic");
        assertRoutedTo("tunnelwatch-warning", "alertname=MtuSuspected", "severity=warning", "device=rtr-01",
                "peer=192.0.2.2", "layer=mtu");
        assertRoutedTo("tunnelwatch-critical", "alertname=TunnelwatchInstanceDown", "severity=critical",
                "instance=10.0.0.9:9400");
    }

    @Test
    void shouldRenderAPeerAlertWithDevicePeerLayerCauseFilledCommandsAndLink() throws Exception {
        Path data = Path.of("src", "test", "resources", "alertmanager", "peer-alert-group.json").toAbsolutePath();
        Result title = render(data, "{{ template \"tunnelwatch.title\" . }}");
        Result text = render(data, "{{ template \"tunnelwatch.text\" . }}");

        assertThat(title.output().strip())
                .isEqualTo("[FIRING:2] rtr-01: DecapsStalled to 192.0.2.2, PeerUnreachable to 192.0.2.4");
        assertThat(text.output()).contains(
                "DecapsStalled: rtr-01 to 192.0.2.2, traffic layer (since 11:42:48 UTC)",
                "packets are encrypted towards the peer but nothing comes back",
                "Cause: one-way traffic: 192.0.2.2 sends nothing back, or its ESP is dropped on the way in",
                "  show crypto ipsec sa peer 192.0.2.2 | include pkts",
                "http://127.0.0.1:9400/peers/rtr-01/192.0.2.2",
                "PeerUnreachable: rtr-01 to 192.0.2.4, underlay layer (since 11:43:10 UTC)",
                "Cause: no answer to IKE from 192.0.2.4: MM_NO_STATE since 2026-12-04T11:39:40Z",
                "First, on rtr-01:\n  ping 192.0.2.4 source GigabitEthernet0/0/2\n",
                "http://127.0.0.1:9400/peers/rtr-01/192.0.2.4",
                "Resolved: TunnelFlapping: rtr-01 to 192.0.2.3, underlay layer (11:30:00 to 11:40:00 UTC)");
        assertThat(text.output()).as("a command still to be filled in").doesNotContainPattern("<[a-z][a-z-]*>");
    }

    @Test
    void shouldHoldADevicesPeerAlertsWhileTheDeviceIsSilentAndOnlyThose(@TempDir Path dir) throws Exception {
        String url = startAlertmanager(dir);
        Instant since = Instant.now().minusSeconds(60);
        post(url, alert(Map.of("alertname", "DeviceSilent", "device", "rtr-01", "peer", "*", "alert", "DeviceSilent",
                "layer", "device", "severity", "critical"), since, null));
        post(url, alert(peerAlert("rtr-01", "192.0.2.2"), since, null));
        post(url, alert(peerAlert("rtr-02", "192.0.2.3"), since, null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(state(url, "DecapsStalled", "rtr-01")).isEqualTo("suppressed");
            assertThat(state(url, "DecapsStalled", "rtr-02")).isEqualTo("active");
            assertThat(state(url, "DeviceSilent", "rtr-01")).isEqualTo("active");
        });

        post(url, alert(Map.of("alertname", "DeviceSilent", "device", "rtr-01", "peer", "*", "alert", "DeviceSilent",
                "layer", "device", "severity", "critical"), since, Instant.now().minusSeconds(1)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(state(url, "DecapsStalled", "rtr-01")).isEqualTo("active"));
    }

    private void assertRoutedTo(String receiver, String... labels) throws Exception {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + CONFIG,
                "--verify.receivers=" + receiver));
        args.addAll(List.of(labels));
        Result result = AMTOOL.run(DIR, args.toArray(String[]::new));
        assertThat(result.exitCode()).as("%s routed to %s: %s", List.of(labels), receiver, result.output()).isZero();
    }

    private static Result render(Path data, String template) throws Exception {
        Result result = AMTOOL.run(DIR, "template", "render", "--template.glob=" + DIR.resolve("tunnelwatch.tmpl"),
                "--template.data=" + data, "--template.text=" + template);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    /** A private Alertmanager on free loopback ports, no cluster, webhooks to a sink of this test. */
    private String startAlertmanager(Path dir) throws IOException {
        webhookSink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhookSink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhookSink.start();
        String config = Files.readString(CONFIG);
        assertThat(config).contains(PLACEHOLDER_WEBHOOK);
        Files.writeString(dir.resolve("alertmanager.yml"),
                config.replace(PLACEHOLDER_WEBHOOK, "http://127.0.0.1:" + webhookSink.getAddress().getPort()));
        Files.copy(DIR.resolve("tunnelwatch.tmpl"), dir.resolve("tunnelwatch.tmpl"));
        int port = freePort();
        alertmanager = ALERTMANAGER.start(dir.resolve("alertmanager.log"),
                "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=");
        String url = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(alertmanager.isAlive()).as(Files.readString(dir.resolve("alertmanager.log"))).isTrue();
            assertThat(get(url + "/-/ready").statusCode()).isEqualTo(200);
        });
        return url;
    }

    private static Map<String, String> peerAlert(String device, String peer) {
        return Map.of("alertname", "DecapsStalled", "device", device, "peer", peer, "alert", "DecapsStalled",
                "layer", "traffic", "severity", "critical");
    }

    private static Map<String, Object> alert(Map<String, String> labels, Instant startsAt, Instant endsAt) {
        return endsAt == null
                ? Map.of("labels", labels, "startsAt", startsAt.toString())
                : Map.of("labels", labels, "startsAt", startsAt.toString(), "endsAt", endsAt.toString());
    }

    private void post(String url, Map<String, Object> alert) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(alert)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The state Alertmanager reports for the alert: active, suppressed (inhibited or silenced) or unprocessed. */
    private String state(String url, String alertname, String device) throws Exception {
        for (JsonNode alert : JSON.readTree(get(url + "/api/v2/alerts").body())) {
            JsonNode labels = alert.path("labels");
            if (labels.path("alertname").asText().equals(alertname) && labels.path("device").asText().equals(device)) {
                return alert.path("status").path("state").asText();
            }
        }
        return "absent";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
