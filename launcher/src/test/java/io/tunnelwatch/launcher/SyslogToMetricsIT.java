package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.events.PeerPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole thin slice through real parts: util-linux {@code logger} → syslog socket → collector → Kafka (the
 * shared fixture broker) → streams app → {@code /metrics} scraped over HTTP.
 */
class SyslogToMetricsIT {

    private static final Set<String> ONLY_WHILE_ALERTS_ARE_OPEN = Set.of("tunnelwatch_peer_alert",
            "tunnelwatch_peer_alert_diagnosis");
    /** Registered only when the HTTP endpoint requires credentials; HttpSecurityTest scrapes it there. */
    private static final Set<String> ONLY_WITH_HTTP_CREDENTIALS = Set.of("tunnelwatch_http_requests_refused_total");
    /** One series per table, reason and outcome, from a device's first new failure row; SnmpPollerTest counts it. */
    private static final Set<String> ONLY_AFTER_A_FAILURE_ROW = Set.of("tunnelwatch_snmp_failure_rows_total");
    private static final String DEVICE = "127.0.0.1";
    /**
     * A router that never sends here: its per-device series (loss) are registered at start, so the page lists them;
     * the sender 127.0.0.1 stays outside the inventory and keeps its address as its name.
     */
    private static final Inventory INVENTORY = InventoryLoader.parse("test inventory", """
            devices:
              - name: lab-router
                addresses: [192.0.2.254]
            """);

    @RegisterExtension
    final RunningPipeline running = RunningPipeline.withStreams().withTraps().withSpool().ingest(new IngestConfig(INVENTORY, false, true));

    @Test
    void shouldShowAPeerDownOverUdpThenIpsecUpOverTcpOnTheMetricsPage() {
        String peer = "192.0.2.7";

        SyslogSender.udp(running.syslogPort(), SyslogSender.sessionStatus(12, "DOWN", peer, 500));
        awaitPhase(peer, PeerPhase.DOWN);

        SyslogSender.tcp(running.syslogPort(), SyslogSender.sessionStatus(13, "UP", peer, 500));
        awaitPhase(peer, PeerPhase.IPSEC_UP);

        String page = MetricsScrape.page(running.httpPort());
        assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_parsed_total{transport=\"udp\"}"))
                .hasValue(1.0);
        assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_parsed_total{transport=\"tcp\"}"))
                .hasValue(1.0);
        assertThat(MetricsScrape.value(page, "tunnelwatch_kafka_published_total{topic=\"tunnelwatch.events\"}"))
                .hasValue(2.0);
    }

    @Test
    void shouldCountLinesThatAreNotCiscoMessagesWithoutMakingPeers() {
        SyslogSender.udp(running.syslogPort(), "just some text with no mnemonic");
        SyslogSender.udp(running.syslogPort(), "<189>14: *Nov 26 10:00:04.123: %SYS-5-CONFIG_I: Configured from console");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String page = MetricsScrape.page(running.httpPort());
            assertThat(MetricsScrape.value(page,
                    "tunnelwatch_syslog_unparsed_total{reason=\"no_cisco_mnemonic\",transport=\"udp\"}"))
                    .hasValue(1.0);
            assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_ignored_total{transport=\"udp\"}"))
                    .hasValue(1.0);
            assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_unknown_senders_total")).hasValue(2.0);
            assertThat(MetricsScrape.value(page,
                    "tunnelwatch_kafka_published_total{topic=\"tunnelwatch.syslog.raw\"}")).hasValue(2.0);
        });
        assertThat(MetricsScrape.page(running.httpPort())).doesNotContain("peer=\"*\"");
    }

    @Test
    void shouldServeExactlyTheTunnelwatchMetricsThatDocsMetricsMdLists() throws Exception {
        SyslogSender.udp(running.syslogPort(), SyslogSender.sessionStatus(15, "DOWN", "198.51.100.9", 500));
        awaitPhase("198.51.100.9", PeerPhase.DOWN);

        Set<String> served = Pattern.compile("^# TYPE (tunnelwatch_\\w+) ", Pattern.MULTILINE)
                .matcher(MetricsScrape.page(running.httpPort())).results().map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = Pattern.compile("^\\| `(tunnelwatch_\\w+)` \\|", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("..", "docs", "metrics.md"))).results().map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));

        // A family with no series is not served at all: the per-peer alert gauge only exists while an alert is
        // open (the first can open a minute after a fault at the earliest); the alert topology tests assert it.
        assertThat(served).as("served by a live all-in-one").isNotEmpty();
        assertThat(documented).as("docs/metrics.md lists every family served").containsAll(served);
        Set<String> alwaysServed = new TreeSet<>(documented);
        alwaysServed.removeAll(ONLY_WHILE_ALERTS_ARE_OPEN);
        alwaysServed.removeAll(ONLY_WITH_HTTP_CREDENTIALS);
        alwaysServed.removeAll(ONLY_AFTER_A_FAILURE_ROW);
        assertThat(served).as("every family docs/metrics.md lists is served").containsAll(alwaysServed);
    }

    private void awaitPhase(String peer, PeerPhase phase) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(MetricsScrape.peerPhase(running.httpPort(), DEVICE, peer))
                        .isEqualTo(OptionalDouble.of(phase.code())));
    }
}
