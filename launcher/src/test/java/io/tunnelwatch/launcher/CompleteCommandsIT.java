package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
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
 * An incident at normal logging (no debug) from a router the inventory describes ({@code sourceInterface},
 * {@code tunnel}, {@code cryptoAcl}), sent by util-linux {@code logger}: each peer gets its alert, and the commands
 * of {@code /peers} (JSON and HTML) and {@code tunnelwatch explain} are complete, with no {@code <placeholder>}.
 */
class CompleteCommandsIT {

    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");
    private static final Pattern ESCAPED_PLACEHOLDER = Pattern.compile("&lt;[a-z][a-z-]*&gt;");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Its own name, so that the peers are this test's alone on the shared broker. */
    private static final String DEVICE = "rtr-cc" + Long.toHexString(System.nanoTime());
    private static final String PHASE_TWO = "198.51.100.230";
    private static final String DEAD = "198.51.100.231";
    private static final Inventory INVENTORY = InventoryLoader.parse("test inventory", """
            devices:
              - name: %s
                addresses: [127.0.0.1]
                sourceInterface: GigabitEthernet0/0/2
                peers:
                  - address: %s
                    tunnel: Tunnel232
                    cryptoAcl: VPN-ACL-232
                  - address: %s
            """.formatted(DEVICE, PHASE_TWO, DEAD));

    @RegisterExtension
    final RunningPipeline running = RunningPipeline.withStreams().ingest(new IngestConfig(INVENTORY, false, false));

    @Test
    void shouldGiveEachPeerItsAlertWithEveryCommandComplete() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> running.pipeline().readiness().report().ready());
        for (int i = 0; i < 3; i++) {
            SyslogSender.udp(running.syslogPort(), "<189>3" + i + ": " + DEVICE + ": *Dec  4 16:12:1" + i
                    + ".123: %CRYPTO-5-IPSEC_SETUP_FAILURE: IPSEC SETUP FAILED for local:192.0.2.1 local_id:192.0.2.1"
                    + " remote:" + PHASE_TWO + " remote_id:" + PHASE_TWO + " IKE profile:branch fvrf:None"
                    + " fail_reason:IPSec Proposal failure fail_class_cnt:14");
        }
        SyslogSender.udp(running.syslogPort(), "<189>40: " + DEVICE + ": *Dec  4 16:12:20.123:"
                + " %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer " + DEAD + ":500  Id: " + DEAD);

        JsonNode phaseTwo = awaitAlert(PHASE_TWO, "IpsecNegotiationFailed");
        assertThat(phaseTwo.path("alert").path("commands")).extracting(JsonNode::asText)
                .contains("show ip access-lists VPN-ACL-232");
        JsonNode dead = awaitAlert(DEAD, "PeerUnreachable");
        assertThat(dead.path("alert").path("commands")).extracting(JsonNode::asText)
                .contains("ping " + DEAD + " source GigabitEthernet0/0/2");

        for (String peer : new String[] {PHASE_TWO, DEAD}) {
            String path = "/peers/" + DEVICE + "/" + peer;
            String json = get(path, "application/json").body();
            String html = get(path, "text/html").body();
            assertThat(PLACEHOLDER.matcher(json).find()).as(json).isFalse();
            assertThat(ESCAPED_PLACEHOLDER.matcher(html).find()).as(html).isFalse();
            try (TunnelwatchProcess explain = TunnelwatchProcess.start(running.data(), "explain", DEVICE, peer,
                    "--url", "http://127.0.0.1:" + running.httpPort())) {
                assertThat(explain.waitForExit(60)).as(explain.describe()).isZero();
                assertThat(explain.printed("RUN NEXT")).as(explain.describe()).isTrue();
                assertThat(explain.stdout()).as(explain.describe()).noneMatch(l -> PLACEHOLDER.matcher(l).find());
                if (peer.equals(DEAD)) {
                    assertThat(explain.printed("ping " + DEAD + " source GigabitEthernet0/0/2"))
                            .as(explain.describe()).isTrue();
                }
            }
        }
    }

    /** The peer's view once its open alert is {@code alert}; PeerUnreachable waits out the 60 s a session may hang. */
    private JsonNode awaitAlert(String peer, String alert) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> r = get("/peers/" + DEVICE + "/" + peer, "application/json");
            assertThat(r.statusCode()).isEqualTo(200);
            view[0] = Json.mapper().readTree(r.body());
            assertThat(view[0].path("alert").path("alert").asText()).as(r.body()).isEqualTo(alert);
        });
        return view[0];
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.httpPort() + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
