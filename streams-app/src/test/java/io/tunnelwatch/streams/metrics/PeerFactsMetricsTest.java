package io.tunnelwatch.streams.metrics;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.streams.PeerFixtures;
import io.tunnelwatch.streams.peer.PeerState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts gauge as a real Prometheus scrape serves it. */
class PeerFactsMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PeerFactsMetrics metrics = new PeerFactsMetrics(registry);

    @Test
    void shouldServeWhatIsNotKnownYetAsBoundedValues() {
        metrics.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()));

        assertThat(series()).containsExactly("tunnelwatch_peer_facts{device=\"rtr-hq-1\",ike_version=\"unknown\","
                + "interface=\"unknown\",mtu=\"unknown\",nat_t=\"false\",peer=\"198.51.100.7\"} 1.0");
    }

    @Test
    void shouldReplaceTheSeriesWhenAFactChanges() {
        PeerState before = PeerState.unknown(PEER.device(), PEER.peer());
        metrics.updated(PEER, before);
        metrics.updated(PEER, before.toBuilder().natT(true).ikeVersion(IkeVersion.IKEV2)
                .tunnel(new PeerState.TunnelInterface("Tunnel100", true, T0))
                .sample(PeerFixtures.sample(T0, 1, 10, 10).withTunnelMtu(17_867)).build());

        assertThat(series()).singleElement().asString()
                .contains("ike_version=\"ikev2\"", "interface=\"Tunnel100\"", "nat_t=\"true\"", "mtu=\"17867\"")
                .endsWith(" 1.0");
    }

    @Test
    void shouldRemoveTheSeriesWhenThePeerIsReleased() {
        metrics.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()));

        metrics.released(PEER);

        assertThat(series()).isEmpty();
    }

    private List<String> series() {
        return registry.scrape().lines().filter(l -> l.startsWith("tunnelwatch_peer_facts")).toList();
    }
}
