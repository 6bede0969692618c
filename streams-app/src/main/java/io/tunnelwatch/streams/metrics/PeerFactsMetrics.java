package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code tunnelwatch_peer_facts{device,peer,nat_t,ike_version,interface,mtu}} = 1: what is known of a peer's tunnel, in
 * labels of bounded values, for a dashboard to show beside the counters. One series per peer at any time; when a
 * fact changes, the series is replaced. Follows the partitions like {@link PeerPhaseMetrics}, and like it serves the
 * series from a {@link PeerSeriesCollector} on a Prometheus registry.
 */
public final class PeerFactsMetrics implements PeerStateListener {

    /** The {@code interface} of a peer whose tunnel interface no message has named (crypto map, or not yet seen). */
    public static final String UNKNOWN_INTERFACE = "unknown";
    /** The {@code mtu} of a peer whose last poll named no tunnel interface ifMtu (crypto map, or not polled yet). */
    public static final String UNKNOWN_MTU = "unknown";

    private final MeterRegistry registry;
    private final PeerSeriesCollector<Served> served;

    public PeerFactsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.served = PeerSeriesCollector.on(registry, List.of(PeerSeriesCollector.family(registry,
                TunnelwatchMeters.PEER_FACTS, Meter.Type.GAUGE,
                List.of(PeerSeriesCollector.point(Served::labels, s -> 1)))));
    }

    @Override
    public synchronized void updated(PeerKey key, PeerState state) {
        Served current = served.get(key);
        // Told of every input of every peer: the facts are compared as they are, and label texts made only when one
        // changed (docs/performance.md#placeholders-without-a-regex).
        if (current != null && current.facts.sameAs(state)) {
            return;
        }
        Facts facts = Facts.of(state);
        Labels labels = PeerSeriesCollector.labels(key, "nat_t", Boolean.toString(facts.natT()),
                "ike_version", facts.ikeVersionLabel(), "interface", facts.interfaceLabel(), "mtu", facts.mtuLabel());
        if (served.served()) {
            if (current != null) {
                // In place: a new row would be inserted anew into the collector's sorted map
                // (docs/performance.md#per-record-lookups).
                current.facts = facts;
                current.labels = labels;
            } else {
                served.put(key, new Served(facts, null, labels));
            }
            return;
        }
        released(key);
        Gauge gauge = Gauge.builder(TunnelwatchMeters.PEER_FACTS.meterName(), () -> 1)
                .description(TunnelwatchMeters.PEER_FACTS.description())
                .tags("device", key.device(), "peer", key.peer(), "nat_t", Boolean.toString(facts.natT()),
                        "ike_version", facts.ikeVersionLabel(), "interface", facts.interfaceLabel(),
                        "mtu", facts.mtuLabel())
                .register(registry);
        served.put(key, new Served(facts, gauge, labels));
    }

    @Override
    public void changed(PeerKey key, PeerState prior, PeerState next) {
        if (!Facts.same(prior, next)) {
            updated(key, next);
        }
    }

    @Override
    public synchronized void released(PeerKey key) {
        Served current = served.remove(key);
        if (current != null && current.gauge != null) {
            registry.remove(current.gauge);
        }
    }

    /**
     * The label values of one peer: NAT-T as {@code true}/{@code false}, {@code ikev1}/{@code ikev2}/{@code unknown},
     * and the IF-MIB ifMtu of its tunnel interface from the last answered poll (the interface MTU, not
     * {@code ip mtu}), in decimal, or {@code unknown}.
     */
    record Facts(boolean natT, IkeVersion ikeVersion, String tunnelInterface, int mtu) {

        private static final String[] IKE_VERSION_LABELS = Arrays.stream(IkeVersion.values())
                .map(v -> v.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

        static Facts of(PeerState s) {
            return new Facts(s.natT(), s.ikeVersion(), interfaceOf(s), mtuOf(s));
        }

        /** Whether the two states show the same facts. */
        static boolean same(PeerState a, PeerState b) {
            return a.natT() == b.natT() && a.ikeVersion() == b.ikeVersion() && mtuOf(a) == mtuOf(b)
                    && Objects.equals(interfaceOf(a), interfaceOf(b));
        }

        boolean sameAs(PeerState s) {
            return natT == s.natT() && ikeVersion == s.ikeVersion() && mtu == mtuOf(s)
                    && Objects.equals(tunnelInterface, interfaceOf(s));
        }

        String ikeVersionLabel() {
            return IKE_VERSION_LABELS[ikeVersion.ordinal()];
        }

        String interfaceLabel() {
            return tunnelInterface == null ? UNKNOWN_INTERFACE : tunnelInterface;
        }

        String mtuLabel() {
            return mtu > 0 ? Integer.toString(mtu) : UNKNOWN_MTU;
        }

        private static String interfaceOf(PeerState s) {
            return s.tunnel() == null ? null : s.tunnel().name();
        }

        private static int mtuOf(PeerState s) {
            return s.lastSample() == null ? 0 : s.lastSample().tunnelMtu();
        }
    }

    /**
     * The facts a peer's series carries; {@code gauge} is null when the collector serves it, and then a change of facts
     * replaces the facts and labels here. The stream thread that owns the peer writes them; a scrape reads the labels.
     */
    private static final class Served {
        private Facts facts;
        private final Gauge gauge;
        private volatile Labels labels;

        Served(Facts facts, Gauge gauge, Labels labels) {
            this.facts = facts;
            this.gauge = gauge;
            this.labels = labels;
        }

        Labels labels() {
            return labels;
        }
    }
}
