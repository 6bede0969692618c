package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.prometheus.metrics.model.snapshots.Labels;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer's traffic as Prometheus counters, from the SNMP polls of cipSecTunnelTable (CISCO-IPSEC-FLOW-MONITOR-MIB):
 * {@code tunnelwatch_peer_encaps_packets_total}, {@code tunnelwatch_peer_decaps_packets_total} and
 * {@code tunnelwatch_peer_errors_total{kind}}.
 *
 * <p>Each counter adds up the deltas of the peer's polls ({@link CounterSample#deltas()}), not the router's totals:
 * the totals are a sum over the SAs alive at the poll, which falls at every rekey and at a Counter32 wrap of one SA
 * and reads 0 when the device did not answer, so a rate over them would count a peer's whole traffic again after
 * every such fall. The deltas are taken per SA row by the collector and never negative. A poll counts once, the
 * first time its {@code polledAt} is seen later than the last one counted; a peer's counters start at 0 when this
 * instance takes it (start, partition assigned), which Prometheus reads as a counter reset. Follows the partitions
 * like {@link PeerPhaseMetrics}, and like it serves the series from a {@link PeerSeriesCollector} on a Prometheus
 * registry.
 */
public final class PeerTrafficMetrics implements PeerStateListener {

    /** The {@code kind} of {@code tunnelwatch_peer_errors_total}: each value is one series per peer. */
    public enum ErrorKind {
        /** Packets dropped in receive or send processing (anti-replay drops excepted, by the MIB's definition). */
        DROP,
        /** Anti-replay drops, failed authentications and decryptions in, failed encryptions out. */
        CRYPTO;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        long of(CounterSample.Counters d) {
            return switch (this) {
                case DROP -> d.inDropPkts() + d.outDropPkts();
                case CRYPTO -> d.inReplayDropPkts() + d.inAuthFails() + d.inDecryptFails() + d.outEncryptFails();
            };
        }
    }

    private final MeterRegistry registry;
    private final PeerSeriesCollector<PeerCounters> peers;

    public PeerTrafficMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.peers = PeerSeriesCollector.on(registry, List.of(
                PeerSeriesCollector.family(registry, TunnelwatchMeters.PEER_DECAPS, Meter.Type.COUNTER,
                        List.of(PeerSeriesCollector.point(c -> c.labels, c -> c.decaps.get()))),
                PeerSeriesCollector.family(registry, TunnelwatchMeters.PEER_ENCAPS, Meter.Type.COUNTER,
                        List.of(PeerSeriesCollector.point(c -> c.labels, c -> c.encaps.get()))),
                PeerSeriesCollector.family(registry, TunnelwatchMeters.PEER_ERRORS, Meter.Type.COUNTER,
                        List.of(ErrorKind.values()).stream().map(kind -> PeerSeriesCollector.<PeerCounters>point(
                                c -> c.errorLabels.get(kind), c -> c.errors.get(kind).get())).toList())));
    }

    @Override
    public synchronized void updated(PeerKey key, PeerState state) {
        CounterSample sample = state.lastSample();
        PeerCounters counters = peers.get(key);
        if (counters == null) {
            peers.put(key, register(key, sample == null ? null : sample.polledAt()));
            return;
        }
        if (sample != null && (counters.countedUpTo == null || sample.polledAt().isAfter(counters.countedUpTo))) {
            counters.add(sample.deltas());
            counters.countedUpTo = sample.polledAt();
        }
    }

    @Override
    public void changed(PeerKey key, PeerState prior, PeerState next) {
        // Most inputs are messages, which leave the last poll as it was (the very same sample).
        if (!Objects.equals(prior.lastSample(), next.lastSample())) {
            updated(key, next);
        }
    }

    @Override
    public synchronized void released(PeerKey key) {
        PeerCounters counters = peers.remove(key);
        if (counters != null) {
            counters.meters.forEach(registry::remove);
        }
    }

    private PeerCounters register(PeerKey key, Instant countedUpTo) {
        PeerCounters c = new PeerCounters(key, countedUpTo);
        if (peers.served()) {
            return c;
        }
        Tags tags = Tags.of("device", key.device(), "peer", key.peer());
        c.meters.add(counter(TunnelwatchMeters.PEER_ENCAPS, tags, c.encaps));
        c.meters.add(counter(TunnelwatchMeters.PEER_DECAPS, tags, c.decaps));
        c.errors.forEach((kind, count) ->
                c.meters.add(counter(TunnelwatchMeters.PEER_ERRORS, tags.and("kind", kind.label()), count)));
        return c;
    }

    private FunctionCounter counter(TunnelwatchMeters meter, Tags tags, AtomicLong count) {
        return FunctionCounter.builder(meter.meterName(), count, AtomicLong::get)
                .description(meter.description())
                .baseUnit(meter.baseUnit())
                .tags(tags)
                .register(registry);
    }

    /** One peer's running sums; written under the lock of the metrics, read by the scrape. */
    private static final class PeerCounters {
        final Labels labels;
        final Map<ErrorKind, Labels> errorLabels = new EnumMap<>(ErrorKind.class);
        final AtomicLong encaps = new AtomicLong();
        final AtomicLong decaps = new AtomicLong();
        final Map<ErrorKind, AtomicLong> errors = new EnumMap<>(ErrorKind.class);
        final List<Meter> meters = new ArrayList<>();
        Instant countedUpTo;

        PeerCounters(PeerKey key, Instant countedUpTo) {
            this.labels = PeerSeriesCollector.labels(key);
            this.countedUpTo = countedUpTo;
            for (ErrorKind kind : ErrorKind.values()) {
                errors.put(kind, new AtomicLong());
                errorLabels.put(kind, PeerSeriesCollector.labels(key, "kind", kind.label()));
            }
        }

        /** A counter never goes down: a negative delta (the collector sends none) would read as a reset. */
        void add(CounterSample.Counters d) {
            encaps.addAndGet(Math.max(0, d.outPkts()));
            decaps.addAndGet(Math.max(0, d.inPkts()));
            errors.forEach((kind, count) -> count.addAndGet(Math.max(0, kind.of(d))));
        }
    }
}
