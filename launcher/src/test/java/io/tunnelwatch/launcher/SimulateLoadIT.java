package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tunnelwatch simulate --load} (the packaged jar) against a live collector: every message it reports sent
 * is received, and every received message is accounted for as parsed or ignored.
 */
class SimulateLoadIT {

    private static final Pattern SENT = Pattern.compile("^load: sent (\\d+) messages .* (\\d+) send failures$");

    @RegisterExtension
    final RunningPipeline running = RunningPipeline.collectorOnly();

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void shouldDeliverEveryMessageTheLoadModeSends(String transport) throws Exception {
        long sent;
        try (TunnelwatchProcess sim = TunnelwatchProcess.start(running.data(), "simulate", "--load", "5000",
                "--count", "10000", "--duration", "30", "--transport", transport,
                "--collector", "127.0.0.1:" + running.syslogPort())) {
            assertThat(sim.waitForExit(60)).as(sim.describe()).isZero();
            Matcher m = SENT.matcher(sim.stdout().get(sim.stdout().size() - 1));
            assertThat(m.matches()).as(sim.describe()).isTrue();
            sent = Long.parseLong(m.group(1));
            assertThat(sent).isEqualTo(10_000);
            assertThat(m.group(2)).isEqualTo("0");
        }

        String label = "{transport=\"" + transport + "\"}";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String page = MetricsScrape.page(running.httpPort());
            assertThat(MetricsScrape.value(page, "tunnelwatch_syslog_received_total" + label)).hasValue(sent);
        });
        String page = MetricsScrape.page(running.httpPort());
        double parsed = MetricsScrape.value(page, "tunnelwatch_syslog_parsed_total" + label).orElseThrow();
        double ignored = MetricsScrape.value(page, "tunnelwatch_syslog_ignored_total" + label).orElseThrow();
        assertThat(parsed + ignored).isEqualTo(sent);
        assertThat(parsed).isGreaterThan(sent * 0.5);
    }
}
