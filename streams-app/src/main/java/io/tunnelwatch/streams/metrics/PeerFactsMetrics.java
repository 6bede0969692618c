package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tunnelwatch_peer_facts{device,peer,nat_t,ike_version,interface}} = 1: what is known of a peer's tunnel, in
 * labels of bounded values, for a dashboard to show beside the counters. One series per peer at any time; when a
 * fact changes, the series is replaced. Follows the partitions like {@link PeerPhaseMetrics}.
 */
public final class PeerFactsMetrics implements PeerStateListener {

    /** The {@code interface} of a peer whose tunnel interface no message has named (crypto map, or not yet seen). */
    public static final String UNKNOWN_INTERFACE = "unknown";

    private final MeterRegistry registry;
    private final Map<PeerKey, Served> served = new HashMap<>();

    public PeerFactsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void updated(PeerKey key, PeerState state) {
        Facts facts = Facts.of(state);
        Served current = served.get(key);
        if (current != null && current.facts.equals(facts)) {
            return;
        }
        released(key);
        Gauge gauge = Gauge.builder(TunnelwatchMeters.PEER_FACTS.meterName(), () -> 1)
                .description(TunnelwatchMeters.PEER_FACTS.description())
                .tags("device", key.device(), "peer", key.peer(), "nat_t", Boolean.toString(facts.natT()),
                        "ike_version", facts.ikeVersion(), "interface", facts.tunnelInterface())
                .register(registry);
        served.put(key, new Served(facts, gauge));
    }

    @Override
    public synchronized void released(PeerKey key) {
        Served current = served.remove(key);
        if (current != null) {
            registry.remove(current.gauge);
        }
    }

    /** The label values of one peer: NAT-T as {@code true}/{@code false}, {@code ikev1}/{@code ikev2}/{@code unknown}. */
    record Facts(boolean natT, String ikeVersion, String tunnelInterface) {
        static Facts of(PeerState s) {
            return new Facts(s.natT(), s.ikeVersion().name().toLowerCase(Locale.ROOT),
                    s.tunnel() == null ? UNKNOWN_INTERFACE : s.tunnel().name());
        }
    }

    private record Served(Facts facts, Gauge gauge) {
    }
}
