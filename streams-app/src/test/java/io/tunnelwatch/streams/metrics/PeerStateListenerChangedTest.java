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
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.PeerStateListeners;
import io.tunnelwatch.streams.peer.RoutingAdjacency;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tracker tells the metrics listeners each change as prior and next state, and a listener skips a change whose
 * parts it shows are the same: the scrape must be the very one of listeners told every state afresh.
 */
class PeerStateListenerChangedTest {

    private static final List<PeerKey> PEERS = List.of(new PeerKey("rtr-hq-1", "198.51.100.7"),
            new PeerKey("rtr-hq-1", "192.0.2.44"), new PeerKey("rtr-br-2", "203.0.113.9"));
    private static final List<AlertType> ALERTS = List.of(AlertType.DECAPS_STALLED, AlertType.PEER_UNREACHABLE,
            AlertType.IKE_NEGOTIATION_STUCK);

    private static final List<String> FAMILIES = List.of("tunnelwatch_peer_alert{",
            "tunnelwatch_peer_alert_diagnosis{", "tunnelwatch_peer_facts{", "tunnelwatch_peer_decaps_packets_total{",
            "tunnelwatch_peer_phase{");

    private final PrometheusMeterRegistry toldAfresh = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusMeterRegistry toldChanges = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void shouldScrapeTheSameWhetherToldEveryStateOrEveryChange() {
        PeerStateListener afresh = listeners(toldAfresh);
        PeerStateListener changes = listeners(toldChanges);
        Map<PeerKey, PeerState> told = new HashMap<>();
        Random random = new Random(20261207);
        Set<String> shown = new HashSet<>();
        for (int step = 1; step <= 3_000; step++) {
            PeerKey key = PEERS.get(random.nextInt(PEERS.size()));
            PeerState prior = told.get(key);
            if (prior != null && random.nextInt(40) == 0) {
                afresh.released(key);
                changes.released(key);
                told.remove(key);
                continue;
            }
            PeerState next = next(random, key, prior == null ? PeerState.unknown(key.device(), key.peer()) : prior,
                    step);
            afresh.updated(key, next);
            if (prior == null) {
                changes.updated(key, next);
            } else {
                changes.changed(key, prior, next);
            }
            told.put(key, next);

            String scrape = toldAfresh.scrape();
            assertThat(toldChanges.scrape()).as("step %d", step).isEqualTo(scrape);
            FAMILIES.stream().filter(scrape::contains).forEach(shown::add);
        }
        assertThat(shown).as("every per-peer family was shown along the way")
                .containsExactlyInAnyOrderElementsOf(FAMILIES);
    }

    private static PeerStateListener listeners(PrometheusMeterRegistry registry) {
        return new PeerStateListeners(new PeerPhaseMetrics(registry), new PeerTrafficMetrics(registry),
                new PeerFactsMetrics(registry), new PeerAlertMetrics(registry));
    }

    /** One input's worth of change: most inputs touch a part no listener shows, as most messages do. */
    private static PeerState next(Random random, PeerKey key, PeerState prior, int step) {
        Instant at = T0.plusSeconds(step);
        PeerState.Builder next = prior.toBuilder().lastEvent(at, "CRYPTO-5-SESSION_STATUS");
        switch (random.nextInt(12)) {
            case 0 -> next.phase(PeerPhase.values()[random.nextInt(PeerPhase.values().length)], at);
            case 1 -> next.openAlert(random.nextBoolean() ? null : alert(key, random, at));
            case 2 -> next.natT(random.nextBoolean())
                    .ikeVersion(IkeVersion.values()[random.nextInt(IkeVersion.values().length)]);
            case 3 -> next.tunnel(random.nextBoolean() ? null
                    : new PeerState.TunnelInterface("Tunnel" + random.nextInt(3), random.nextBoolean(), at));
            case 4 -> next.sample(sample(key, at, random));
            case 5 -> next.sourceInterface(random.nextBoolean() ? "GigabitEthernet1" : "GigabitEthernet2");
            // what else an open alert's page is built from: the tunnel as the inventory names it, the crypto ACL and
            // the routing adjacency that is down
            case 6 -> next.tunnelName(random.nextBoolean() ? null : "Tunnel" + random.nextInt(3))
                    .cryptoAcl(random.nextBoolean() ? null : "VPN-ACL-" + random.nextInt(2));
            case 7 -> next.adjacency(new RoutingAdjacency("bgp", "169.254.22." + random.nextInt(2),
                    "Tunnel" + random.nextInt(3), random.nextBoolean(), at, null));
            default -> {
                // a message that changed nothing the metrics show
            }
        }
        return next.build();
    }

    private static OpenAlert alert(PeerKey key, Random random, Instant at) {
        AlertType type = ALERTS.get(random.nextInt(ALERTS.size()));
        return new OpenAlert(OpenAlert.idOf(key.device(), key.peer(), type, at), type, at,
                "cause " + random.nextInt(3), new ArrayList<>(), null);
    }

    private static CounterSample sample(PeerKey key, Instant at, Random random) {
        var deltas = new CounterSample.Counters(random.nextInt(500), random.nextInt(500), 168_000, 190_000,
                random.nextInt(3), random.nextInt(3), random.nextInt(3), 0, random.nextInt(2), 0);
        return new CounterSample(CounterSample.VERSION, key.device(), key.peer(), at, true, 1, "active", "active",
                deltas, deltas).withTunnelMtu(random.nextBoolean() ? 1_400 : 17_867);
    }
}
