package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.events.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ask a peer: util-linux {@code logger} sends a session DOWN → collector → Kafka (the fixture broker) → streams app;
 * {@code GET /peers/127.0.0.1/<peer>} answers its state, and {@code tunnelwatch explain} (the packaged jar) prints
 * it; a browser gets the peer page and the fleet page.
 */
class PeerQueryIT {

    /** A time as a person reads it, {@code 11:42:48 UTC (just now)}, and the ISO text it replaces. */
    private static final Pattern HUMAN_TIME = Pattern.compile("\\d\\d:\\d\\d:\\d\\d UTC \\((just now|\\d+ min ago)\\)");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    final RunningPipeline running = RunningPipeline.withStreams().withTraps();

    @Test
    void shouldAnswerThePeersStateOverHttpAndExplainItOnTheCommandLine() throws Exception {
        String peer = "203.0.113.41";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> running.pipeline().readiness().report().ready());
        assertThat(get("/peers/127.0.0.1/" + peer).statusCode()).as("a peer never seen, once ready").isEqualTo(404);

        SyslogSender.udp(running.syslogPort(), SyslogSender.sessionStatus(21, "DOWN", peer, 500));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> r = get("/peers/127.0.0.1/" + peer);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(r.body()).contains("\"phase\":\"DOWN\"").contains("\"ipsecState\":\"NO_SA\"")
                    .contains("Crypto tunnel is DOWN");
        });
        assertThat(get("/peers/127.0.0.1/a/b").statusCode()).isEqualTo(400);

        try (TunnelwatchProcess explain = TunnelwatchProcess.start(running.data(), "explain", "127.0.0.1", peer,
                "--url", "http://127.0.0.1:" + running.httpPort())) {
            assertThat(explain.waitForExit(60)).as(explain.describe()).isZero();
            assertThat(explain.printed("Tunnel 127.0.0.1 -> " + peer + ": down / unreachable")).as(explain.describe())
                    .isTrue();
            assertThat(explain.printed("Crypto tunnel is DOWN")).as(explain.describe()).isTrue();
            assertThat(explain.stdout()).as("human times, no ISO text").anyMatch(l -> HUMAN_TIME.matcher(l).find())
                    .noneMatch(l -> ISO_TIME.matcher(l).find());
        }
    }

    /**
     * The device names itself by its {@code logging origin-id} so its peers are this test's alone: the streams app
     * reads the shared broker's topics from the start, other tests' devices included.
     */
    @Test
    void shouldListTheDevicesAndPeersItKnowsAndNameThemWhenAskedAboutAnUnknownOne() throws Exception {
        String device = "rtr-q" + Long.toHexString(System.nanoTime());
        String peer = "203.0.113.42";
        SyslogSender.udp(running.syslogPort(), "<189>22: " + device + ": *Nov 26 10:00:02.123: %CRYPTO-5-SESSION_STATUS:"
                + " Crypto tunnel is DOWN.  Peer " + peer + ":500  Id: " + peer);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/peers/" + device + "/" + peer).statusCode() == 200);

        JsonNode devices = Json.mapper().readTree(get("/peers").body());
        assertThat(devices.path("devices")).extracting(JsonNode::asText).contains(device).isSorted();
        assertThat(devices.path("count").asInt()).isEqualTo(devices.path("devices").size());
        assertThat(devices.path("otherInstances")).isEmpty();
        assertThat(Json.mapper().readTree(get("/peers/" + device).body())).isEqualTo(Json.mapper().readTree(
                "{\"device\":\"" + device + "\",\"peers\":[\"" + peer + "\"],\"count\":1,\"otherInstances\":[]}"));
        assertThat(Json.mapper().readTree(get("/peers/rtr-99").body()).path("peers")).isEmpty();

        showsAnOpenAlertToABrowser(device, peer);

        try (TunnelwatchProcess unknownPeer = explain(device, "1.2.3.4");
             TunnelwatchProcess unknownDevice = explain("rtr-99", "1.2.3.4")) {
            assertThat(unknownPeer.waitForExit(60)).as(unknownPeer.describe()).isEqualTo(3);
            assertThat(unknownPeer.stderr()).containsExactly("tunnelwatch knows no peer 1.2.3.4 of device " + device
                    + ". The peers of " + device + " it knows (1): " + peer);
            assertThat(unknownDevice.waitForExit(60)).as(unknownDevice.describe()).isEqualTo(3);
            assertThat(unknownDevice.stderr()).singleElement().asString()
                    .startsWith("tunnelwatch knows no device rtr-99. The devices it knows (");
        }
    }

    /**
     * Three quick-mode failures open IpsecNegotiationFailed at once: the peer page shows its cause, the timeline
     * entry of its opening, the three lines once with their count, and human times; the fleet page lists it with a
     * link to that page. Any other Accept still gets JSON, and {@code /} its text index.
     */
    private void showsAnOpenAlertToABrowser(String device, String peer) throws Exception {
        String failure = "<189>23: " + device + ": *Nov 26 10:00:03.123: %CRYPTO-5-IPSEC_SETUP_FAILURE: IPSEC SETUP"
                + " FAILED for local:192.0.2.1 local_id:192.0.2.1 remote:" + peer + " remote_id:" + peer
                + " IKE profile:branch fvrf:None fail_reason:IPSec Proposal failure fail_class_cnt:14";
        for (int i = 0; i < 3; i++) {
            SyslogSender.udp(running.syslogPort(), failure);
        }
        String path = "/peers/" + device + "/" + peer;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> page = get(path, "text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.body()).contains("IpsecNegotiationFailed (critical)")
                    .contains("router said: IPSec Proposal failure")
                    .contains("<b>IpsecNegotiationFailed opened</b>")
                    .contains("<b>phase: down / unreachable</b>")
                    .contains("  ×3");
            assertThat(HUMAN_TIME.matcher(page.body()).find()).as(page.body()).isTrue();
            assertThat(ISO_TIME.matcher(page.body()).find()).as(page.body()).isFalse();
        });
        assertThat(get(path, "application/json").body()).contains("\"timeline\":[")
                .contains("\"kind\":\"OPENED\"");

        HttpResponse<String> fleet = get("/", "text/html");
        assertThat(fleet.statusCode()).isEqualTo(200);
        assertThat(fleet.body()).contains("<a href=\"" + path + "\">IpsecNegotiationFailed</a>")
                .contains("<a href=\"/metrics\">").contains("<a href=\"/readyz\">");
        assertThat(get("/", "*/*").body()).startsWith("tunnelwatch\n\n/metrics");
    }

    private TunnelwatchProcess explain(String device, String peer) throws Exception {
        return TunnelwatchProcess.start(running.data(), "explain", device, peer, "--url", "http://127.0.0.1:" + running.httpPort());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.httpPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.httpPort() + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
