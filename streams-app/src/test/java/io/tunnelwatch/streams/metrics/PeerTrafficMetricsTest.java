package io.tunnelwatch.streams.metrics;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counters as a real Prometheus scrape serves them. */
class PeerTrafficMetricsTest {

    private static final String LABELS = "{device=\"rtr-hq-1\",peer=\"198.51.100.7\"";
    private static final String CRYPTO = "{device=\"rtr-hq-1\",kind=\"crypto\",peer=\"198.51.100.7\"}";
    private static final String DROP = "{device=\"rtr-hq-1\",kind=\"drop\",peer=\"198.51.100.7\"}";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PeerTrafficMetrics metrics = new PeerTrafficMetrics(registry);

    @Test
    void shouldServeEncapsDecapsAndBothErrorKindsAsCountersFromZeroWhenThePeerIsTaken() {
        metrics.updated(PEER, polled(sample(T0, 1, 500, 400, 3, 7)));

        assertThat(series()).containsExactlyInAnyOrder(
                "tunnelwatch_peer_decaps_packets_total" + LABELS + "} 0.0",
                "tunnelwatch_peer_encaps_packets_total" + LABELS + "} 0.0",
                "tunnelwatch_peer_errors_total" + CRYPTO + " 0.0",
                "tunnelwatch_peer_errors_total" + DROP + " 0.0");
        assertThat(registry.scrape()).contains("# TYPE tunnelwatch_peer_encaps_packets_total counter",
                "# TYPE tunnelwatch_peer_errors_total counter");
    }

    @Test
    void shouldAddTheDeltasOfEveryNewPollOnce() {
        metrics.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()));
        PeerState first = polled(sample(T0, 1, 500, 400, 3, 7));
        metrics.updated(PEER, first);
        metrics.updated(PEER, first.toBuilder().natT(true).build());
        metrics.updated(PEER, polled(sample(T0.plusSeconds(30), 1, 20, 10, 0, 1)));

        assertThat(value("tunnelwatch_peer_encaps_packets_total" + LABELS + "}")).isEqualTo(520.0);
        assertThat(value("tunnelwatch_peer_decaps_packets_total" + LABELS + "}")).isEqualTo(410.0);
        assertThat(value("tunnelwatch_peer_errors_total" + CRYPTO)).isEqualTo(3.0);
        assertThat(value("tunnelwatch_peer_errors_total" + DROP)).isEqualTo(8.0);
    }

    @Test
    void shouldKeepRisingAcrossARekeyWhereTheRoutersTotalsFall() {
        metrics.updated(PEER, polled(withTotals(T0, 9_000, 100)));
        metrics.updated(PEER, polled(withTotals(T0.plusSeconds(30), 40, 40)));

        assertThat(value("tunnelwatch_peer_encaps_packets_total" + LABELS + "}")).isEqualTo(40.0);
    }

    @Test
    void shouldIgnoreAPollOlderThanTheLastOneCounted() {
        metrics.updated(PEER, polled(sample(T0, 1, 0, 0)));
        metrics.updated(PEER, polled(sample(T0.plusSeconds(30), 1, 50, 50)));
        metrics.updated(PEER, polled(sample(T0.plusSeconds(10), 1, 1_000, 1_000)));

        assertThat(value("tunnelwatch_peer_encaps_packets_total" + LABELS + "}")).isEqualTo(50.0);
    }

    @Test
    void shouldSumTheMibColumnsIntoTheirKind() {
        CounterSample.Counters d = new CounterSample.Counters(0, 0, 0, 0, 1, 2, 4, 8, 16, 32);

        assertThat(PeerTrafficMetrics.ErrorKind.DROP.of(d)).isEqualTo(3);
        assertThat(PeerTrafficMetrics.ErrorKind.CRYPTO.of(d)).isEqualTo(60);
    }

    @Test
    void shouldRemoveEverySeriesWhenThePeerIsReleasedAndStartAgainAtZero() {
        metrics.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()));
        metrics.updated(PEER, polled(sample(T0, 1, 500, 400)));

        metrics.released(PEER);

        assertThat(series()).isEmpty();
        metrics.updated(PEER, polled(sample(T0, 1, 500, 400)));
        assertThat(value("tunnelwatch_peer_encaps_packets_total" + LABELS + "}")).isZero();
    }

    private List<String> series() {
        return registry.scrape().lines().filter(l -> l.startsWith("tunnelwatch_peer_")).toList();
    }

    private double value(String seriesPrefix) {
        String line = series().stream().filter(l -> l.startsWith(seriesPrefix + " ")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(seriesPrefix.length() + 1));
    }

    private static PeerState polled(CounterSample sample) {
        return PeerState.unknown(PEER.device(), PEER.peer()).toBuilder().sample(sample).build();
    }

    /** A poll whose totals are {@code totalOut} while the collector's per-SA delta is {@code deltaOut}. */
    private static CounterSample withTotals(Instant at, long totalOut, long deltaOut) {
        return new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(), at, true, 1, null, null,
                new CounterSample.Counters(0, totalOut, 0, 0, 0, 0, 0, 0, 0, 0),
                new CounterSample.Counters(0, deltaOut, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
