package io.tunnelwatch.streams.metrics;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListeners;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The series one peer without an open alert costs a scrape, as the streams app wires its listeners. */
class PerPeerSeriesTest {

    @Test
    void shouldServeAsManySeriesPerPeerAsTheMetersCountAndNoMoreThanSix() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var listeners = new PeerStateListeners(new PeerPhaseMetrics(registry), new PeerTrafficMetrics(registry),
                new PeerFactsMetrics(registry), new PeerAlertMetrics(registry));

        listeners.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()).toBuilder()
                .sample(sample(T0, 1, 10, 10)).build());

        assertThat(seriesOfPeer(registry.scrape())).isEqualTo(TunnelwatchMeters.seriesPerPeerWithoutAlert())
                .isLessThanOrEqualTo(6);
    }

    @Test
    void shouldAddTheAlertAndItsDiagnosisForAnOpenAlertInTextAndInOpenMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var listeners = new PeerStateListeners(new PeerPhaseMetrics(registry), new PeerTrafficMetrics(registry),
                new PeerFactsMetrics(registry), new PeerAlertMetrics(registry));
        OpenAlert alert = new OpenAlert(OpenAlert.idOf(PEER.device(), PEER.peer(), AlertType.DECAPS_STALLED, T0),
                AlertType.DECAPS_STALLED, T0, "one-way traffic", List.of(), null);

        listeners.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()).toBuilder()
                .sample(sample(T0, 1, 10, 10)).openAlert(alert).build());

        int withAlert = TunnelwatchMeters.seriesPerPeerWithoutAlert() + 2;
        assertThat(seriesOfPeer(registry.scrape())).isEqualTo(withAlert);
        assertThat(seriesOfPeer(registry.scrape("application/openmetrics-text;version=1.0.0"))).isEqualTo(withAlert);
    }

    private static long seriesOfPeer(String page) {
        return page.lines().filter(l -> !l.startsWith("#") && l.contains("peer=\"" + PEER.peer() + "\"")).count();
    }
}
