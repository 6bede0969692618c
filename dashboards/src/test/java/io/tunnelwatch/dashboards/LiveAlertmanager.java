package io.tunnelwatch.dashboards;

import static io.tunnelwatch.dashboards.DebianTool.ALERTMANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tunnelwatch.broker.PortProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) with the example configuration
 * {@code alertmanager/alertmanager.yml} and its template, on a free loopback port, without a cluster. Of the
 * configuration only the receivers' webhook addresses and the route's timers are changed ({@link #forTest}); routes,
 * grouping and inhibition are the shipped ones.
 */
final class LiveAlertmanager implements AutoCloseable {

    static final Path DIR = Path.of("alertmanager").toAbsolutePath();
    static final Path CONFIG = DIR.resolve("alertmanager.yml");
    static final Path TEMPLATE = DIR.resolve("tunnelwatch.tmpl");
    /** Where the shipped receivers point: a placeholder to replace with a real receiver. */
    static final String PLACEHOLDER_WEBHOOK = "http://127.0.0.1:5001";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ServerProcess server;

    private LiveAlertmanager(ServerProcess server) {
        this.server = server;
    }

    /**
     * Starts it in {@code dir} with the shipped configuration, its webhooks pointed at {@code webhookBase} and the
     * route's timers replaced by {@code timers} (e.g. {@code group_wait: 10s}); returns without waiting for it.
     */
    static LiveAlertmanager start(Path dir, String webhookBase, Map<String, String> timers) throws IOException {
        JsonNode config = forTest(YAML.readTree(CONFIG.toFile()), webhookBase, timers);
        Files.writeString(dir.resolve("alertmanager.yml"), YAML.writeValueAsString(config));
        Files.copy(TEMPLATE, dir.resolve(TEMPLATE.getFileName()));
        int port = PortProbe.freePort();
        return new LiveAlertmanager(ServerProcess.start(ALERTMANAGER, "http://127.0.0.1:" + port, dir.resolve(
                "alertmanager.log"), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("alertmanager-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="));
    }

    /**
     * The shipped configuration with each webhook's {@link #PLACEHOLDER_WEBHOOK} replaced by {@code webhookBase}
     * (the receiver's path kept) and the top route's {@code timers} replaced. Checks that this is all it changed:
     * without those fields, the result equals the shipped configuration.
     */
    static JsonNode forTest(JsonNode shipped, String webhookBase, Map<String, String> timers) {
        JsonNode changed = shipped.deepCopy();
        List<ObjectNode> webhooks = webhooks(changed);
        assertThat(webhooks).as("the shipped receivers' webhooks").isNotEmpty().allSatisfy(w ->
                assertThat(w.path("url").asText()).startsWith(PLACEHOLDER_WEBHOOK));
        webhooks.forEach(w -> w.put("url", w.path("url").asText().replace(PLACEHOLDER_WEBHOOK, webhookBase)));
        ObjectNode route = (ObjectNode) changed.path("route");
        timers.forEach((timer, value) -> {
            assertThat(timer).isIn("group_wait", "group_interval", "repeat_interval");
            route.put(timer, value);
        });

        assertThat(webhooks(changed)).allSatisfy(w -> assertThat(w.path("url").asText()).startsWith(webhookBase));
        timers.forEach((timer, value) -> assertThat(changed.path("route").path(timer).asText()).isEqualTo(value));
        assertThat(withoutTestChanges(changed, timers))
                .as("the test's configuration differs from the shipped one only in webhook URLs and timers")
                .isEqualTo(withoutTestChanges(shipped, timers));
        return changed;
    }

    private static JsonNode withoutTestChanges(JsonNode config, Map<String, String> timers) {
        JsonNode copy = config.deepCopy();
        webhooks(copy).forEach(w -> w.remove("url"));
        ((ObjectNode) copy.path("route")).remove(timers.keySet());
        return copy;
    }

    private static List<ObjectNode> webhooks(JsonNode config) {
        return config.path("receivers").findValues("webhook_configs").stream()
                .flatMap(list -> StreamSupport.stream(list.spliterator(), false)).map(ObjectNode.class::cast).toList();
    }

    String url() {
        return server.url();
    }

    /** Blocks until {@code /-/ready} answers 200 (30 s at most). */
    void awaitReady() {
        server.awaitReady("/-/ready");
    }

    /** {@code /api/v2/alerts}: every alert it holds, with {@code status.state} and {@code status.inhibitedBy}. */
    JsonNode alerts() {
        return server.getJson("/api/v2/alerts");
    }

    String log() {
        return server.log();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
