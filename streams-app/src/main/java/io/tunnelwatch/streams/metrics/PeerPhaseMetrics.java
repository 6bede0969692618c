package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tunnelwatch_peer_phase{device,peer}} for every peer this instance owns, and the fleet count by phase.
 * A peer's series appears when its partition is assigned here and goes when the partition moves away. On a
 * Prometheus registry the peers' series come from a {@link PeerSeriesCollector}; the fleet count stays a meter.
 */
public final class PeerPhaseMetrics implements PeerStateListener {

    private final MeterRegistry registry;
    private final PeerSeriesCollector<PeerGauge> gauges;
    private final Map<PeerPhase, AtomicInteger> byPhase = new EnumMap<>(PeerPhase.class);

    public PeerPhaseMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (PeerPhase phase : PeerPhase.values()) {
            AtomicInteger count = new AtomicInteger();
            byPhase.put(phase, count);
            Gauge.builder(TunnelwatchMeters.PEERS_BY_PHASE.meterName(), count, AtomicInteger::get)
                    .description(TunnelwatchMeters.PEERS_BY_PHASE.description())
                    .tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        this.gauges = PeerSeriesCollector.on(registry, List.of(PeerSeriesCollector.family(registry,
                TunnelwatchMeters.PEER_PHASE, Meter.Type.GAUGE,
                List.of(PeerSeriesCollector.point(PeerGauge::labels, g -> g.code.get())))));
    }

    @Override
    public void updated(PeerKey key, PeerState state) {
        PeerGauge g = gauges.computeIfAbsent(key, this::register);
        PeerPhase before = g.phase;
        if (before != null) {
            byPhase.get(before).decrementAndGet();
        }
        byPhase.get(state.phase()).incrementAndGet();
        g.phase = state.phase();
        g.code.set(state.phase().code());
    }

    @Override
    public void changed(PeerKey key, PeerState prior, PeerState next) {
        if (prior.phase() != next.phase()) {
            updated(key, next);
        }
    }

    @Override
    public void released(PeerKey key) {
        PeerGauge g = gauges.remove(key);
        if (g != null) {
            if (g.phase != null) {
                byPhase.get(g.phase).decrementAndGet();
            }
            if (g.gauge != null) {
                registry.remove(g.gauge);
            }
        }
    }

    /** The exported code of a peer, or null when this instance does not own it. */
    public Integer phaseCode(PeerKey key) {
        PeerGauge g = gauges.get(key);
        return g == null ? null : g.code.get();
    }

    private PeerGauge register(PeerKey key) {
        AtomicInteger code = new AtomicInteger();
        Gauge gauge = gauges.served() ? null
                : Gauge.builder(TunnelwatchMeters.PEER_PHASE.meterName(), code, AtomicInteger::get)
                        .description(TunnelwatchMeters.PEER_PHASE.description())
                        .tags("device", key.device(), "peer", key.peer())
                        .register(registry);
        return new PeerGauge(PeerSeriesCollector.labels(key), gauge, code);
    }

    /** A peer's phase; {@code gauge} is null when the collector serves it. */
    private static final class PeerGauge {
        final Labels labels;
        final Gauge gauge;
        final AtomicInteger code;
        volatile PeerPhase phase;

        PeerGauge(Labels labels, Gauge gauge, AtomicInteger code) {
            this.labels = labels;
            this.gauge = gauge;
            this.code = code;
        }

        Labels labels() {
            return labels;
        }
    }
}
