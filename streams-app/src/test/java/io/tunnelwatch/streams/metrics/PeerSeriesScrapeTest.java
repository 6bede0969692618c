package io.tunnelwatch.streams.metrics;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListeners;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The per-peer series of a few peers on a real Prometheus scrape, line for line against the scrape the Micrometer
 * meters served before the per-peer series had a collector of their own (captured into
 * {@code src/test/resources/scrape/}): names, types, HELP, labels, values and order, in text and in OpenMetrics.
 */
class PeerSeriesScrapeTest {

    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0";
    private static final PeerKey QUIET = new PeerKey("rtr-hq-1", "198.51.100.7");
    private static final PeerKey ALERTED = new PeerKey("rtr-br-2", "203.0.113.9");
    private static final PeerKey NATTED = new PeerKey("rtr-hq-1", "192.0.2.44");
    private static final PeerKey GONE = new PeerKey("rtr-br-2", "203.0.113.1");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PeerStateListeners listeners = new PeerStateListeners(new PeerPhaseMetrics(registry),
            new PeerTrafficMetrics(registry), new PeerFactsMetrics(registry), new PeerAlertMetrics(registry));

    @Test
    void shouldServeTheSameTextScrapeAsTheMicrometerMetersDid() throws IOException {
        fillAFewPeers();

        assertThat(peerLines(registry.scrape())).containsExactlyElementsOf(fixture("peer-series.txt"));
    }

    @Test
    void shouldServeTheSameOpenMetricsScrapeAsTheMicrometerMetersDid() throws IOException {
        fillAFewPeers();

        assertThat(peerLines(registry.scrape(OPENMETRICS))).containsExactlyElementsOf(fixture("peer-series.om.txt"));
    }

    /** One Micrometer meter per series made a 100,000-peer scrape take seconds; the fleet counts stay meters. */
    @Test
    void shouldServeThePeerSeriesWithoutAMicrometerMeterPerSeries() {
        fillAFewPeers();

        assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("tunnelwatch.peer."));
        assertThat(registry.find("tunnelwatch.peers").gauges()).isNotEmpty();
        assertThat(registry.find("tunnelwatch.alerts.open").gauges()).isNotEmpty();
    }

    @Test
    void shouldServeNoPeerSeriesOnceEveryPeerIsReleased() {
        fillAFewPeers();

        List.of(QUIET, ALERTED, NATTED).forEach(listeners::released);

        assertThat(peerLines(registry.scrape())).isEmpty();
        assertThat(peerLines(registry.scrape(OPENMETRICS))).isEmpty();
    }

    /** The listeners run on the stream threads while the HTTP thread scrapes: no scrape may fail or repeat a series. */
    @Test
    void shouldScrapeWhileAStreamThreadTakesAndReleasesPeers() throws Exception {
        ExecutorService streamThread = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Future<?> churn = streamThread.submit(() -> {
                for (int round = 0; !stop.get(); round++) {
                    PeerKey key = new PeerKey("rtr-" + round % 7, "10.0.0." + round % 200);
                    if (round % 3 == 2) {
                        listeners.released(key);
                    } else {
                        listeners.updated(key, traffic(key, PeerPhase.PASSING_TRAFFIC, round).build());
                    }
                }
            });
            for (int scrape = 0; scrape < 50; scrape++) {
                List<String> series = peerLines(registry.scrape(scrape % 2 == 0 ? "text/plain" : OPENMETRICS))
                        .stream().filter(l -> !l.startsWith("#")).map(l -> l.substring(0, l.lastIndexOf(' ')))
                        .toList();
                assertThat(series).doesNotHaveDuplicates();
            }
            stop.set(true);
            churn.get(30, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            streamThread.shutdownNow();
        }
    }

    private void fillAFewPeers() {
        listeners.updated(QUIET, traffic(QUIET, PeerPhase.PASSING_TRAFFIC, 0).build());
        listeners.updated(QUIET, traffic(QUIET, PeerPhase.PASSING_TRAFFIC, 30).build());
        OpenAlert alert = new OpenAlert(OpenAlert.idOf(ALERTED.device(), ALERTED.peer(), AlertType.DECAPS_STALLED, T0),
                AlertType.DECAPS_STALLED, T0, "one-way traffic: \"quoted\" \\ and more", List.of(), null);
        listeners.updated(ALERTED, traffic(ALERTED, PeerPhase.IPSEC_UP, 0).openAlert(alert)
                .sourceInterface("GigabitEthernet0/0/1").build());
        listeners.updated(NATTED, PeerState.unknown(NATTED.device(), NATTED.peer()).toBuilder().natT(true)
                .ikeVersion(IkeVersion.IKEV1).tunnel(new PeerState.TunnelInterface("Tunnel100", true, T0)).build());
        listeners.updated(GONE, traffic(GONE, PeerPhase.DOWN, 0).build());
        listeners.released(GONE);
    }

    private static PeerState.Builder traffic(PeerKey key, PeerPhase phase, int secondsLater) {
        var deltas = new CounterSample.Counters(400 + secondsLater, 500 + secondsLater, 168_000, 190_000, 1, 2, 3, 4,
                5, 6);
        return PeerState.unknown(key.device(), key.peer()).toBuilder().phase(phase, T0).ikeVersion(IkeVersion.IKEV2)
                .sample(new CounterSample(CounterSample.VERSION, key.device(), key.peer(),
                        T0.plusSeconds(secondsLater), true, 1, "active", "active", deltas, deltas).withTunnelMtu(17_867));
    }

    /** The lines of the per-peer families, their HELP and TYPE included; the fleet counts left out. */
    private static List<String> peerLines(String page) {
        return page.lines().filter(l -> l.contains("tunnelwatch_peer_")).toList();
    }

    private static List<String> fixture(String name) throws IOException {
        try (InputStream in = PeerSeriesScrapeTest.class.getResourceAsStream("/scrape/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
