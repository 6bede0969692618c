package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tunnelwatch.events.PeerKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The per-peer series of one listener, served at a scrape straight from rows kept per peer, on the Prometheus client
 * registry under a {@link PrometheusMeterRegistry}: one collector instead of one Micrometer meter per series. Each
 * row holds its peer's {@link Labels}, built when the peer's state changes, never at a scrape; the rows are kept in
 * label order, and a family's data points are written point by point over the rows ({@code kind="crypto"} of every
 * peer, then {@code kind="drop"}), so the snapshot's sort finds sorted runs to merge, not an order to work out. At 100,000 peers the Micrometer meters cost a
 * scrape over 2 s, most of it building and sorting the snapshot.
 *
 * <p>On any other registry ({@code SimpleMeterRegistry} in tests) nothing is registered here and the listener keeps
 * Micrometer meters; the rows are its map of peers either way. Rows are put and removed by the stream threads while a
 * scrape reads them: the map is concurrent, a row's labels are immutable and its values atomic or volatile.
 *
 * @param <R> a peer's row
 */
final class PeerSeriesCollector<R> implements MultiCollector {

    /** Label order of {@code device} then {@code peer}, the first two labels of every family. */
    static final Comparator<PeerKey> LABEL_ORDER = Comparator.comparing(PeerKey::device)
            .thenComparing(PeerKey::peer);

    /** One data point of a row: its labels (null for none) and its value. */
    record Point<R>(Function<R, Labels> labels, ToDoubleFunction<R> value) {
    }

    /** One metric family: the Prometheus name Micrometer would give the meter, its HELP, its points per row. */
    record Family<R>(String name, String help, boolean counter, List<Point<R>> points) {
    }

    /** The rows in label order, for a scrape. */
    private final ConcurrentSkipListMap<PeerKey, R> rows = new ConcurrentSkipListMap<>(LABEL_ORDER);
    /**
     * The same rows by key, for the stream threads' lookups on every record: a hash lookup, where the sorted map
     * compares about log2(peers) keys field by field (docs/performance.md#the-engine-under-the-load-harness-profile).
     * Rows are added and removed by the thread that owns the peer, so the two maps agree for each key.
     */
    private final ConcurrentHashMap<PeerKey, R> byKey = new ConcurrentHashMap<>();
    private final List<Family<R>> families;
    private final boolean served;

    private PeerSeriesCollector(List<Family<R>> families, boolean served) {
        this.families = List.copyOf(families);
        this.served = served;
    }

    /**
     * The rows of a listener, served by a collector registered on {@code registry} when it is a Prometheus registry.
     * The families are registered under their names, so a second listener of the same kind on one registry is
     * refused here and not at every scrape.
     */
    static <R> PeerSeriesCollector<R> on(MeterRegistry registry, List<Family<R>> families) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            PeerSeriesCollector<R> collector = new PeerSeriesCollector<>(families, true);
            prometheus.getPrometheusRegistry().register(collector);
            return collector;
        }
        return new PeerSeriesCollector<>(families, false);
    }

    /** A family as Micrometer's Prometheus naming names {@code meter} ({@code _total} comes at exposition). */
    static <R> Family<R> family(MeterRegistry registry, TunnelwatchMeters meter, Meter.Type type,
                                List<Point<R>> points) {
        String name = registry.config().namingConvention().name(meter.meterName(), type, meter.baseUnit());
        boolean counter = type == Meter.Type.COUNTER;
        if (counter && name.endsWith("_total")) {
            name = name.substring(0, name.length() - "_total".length());
        }
        return new Family<>(name, meter.description(), counter, points);
    }

    static <R> Point<R> point(Function<R, Labels> labels, ToDoubleFunction<R> value) {
        return new Point<>(labels, value);
    }

    /** The labels {@code device} and {@code peer} of {@code key}, and {@code more} name/value pairs. */
    static Labels labels(PeerKey key, String... more) {
        String[] pairs = new String[more.length + 4];
        pairs[0] = "device";
        pairs[1] = key.device();
        pairs[2] = "peer";
        pairs[3] = key.peer();
        System.arraycopy(more, 0, pairs, 4, more.length);
        return Labels.of(pairs);
    }

    /** The labels of a meter's tags. */
    static Labels labels(Tags tags) {
        Labels.Builder labels = Labels.builder();
        tags.forEach(tag -> labels.label(tag.getKey(), tag.getValue()));
        return labels.build();
    }

    /** True when a Prometheus registry serves the rows; false when the listener keeps Micrometer meters. */
    boolean served() {
        return served;
    }

    R get(PeerKey key) {
        return byKey.get(key);
    }

    R computeIfAbsent(PeerKey key, Function<PeerKey, R> row) {
        R existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        R added = row.apply(key);
        put(key, added);
        return added;
    }

    void put(PeerKey key, R row) {
        rows.put(key, row);
        byKey.put(key, row);
    }

    R remove(PeerKey key) {
        rows.remove(key);
        return byKey.remove(key);
    }

    @Override
    public List<String> getPrometheusNames() {
        return families.stream().map(Family::name).toList();
    }

    @Override
    public MetricSnapshots collect() {
        Collection<R> now = rows.values();
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Family<R> family : families) {
            MetricSnapshot snapshot = family.counter() ? counters(family, now) : gauges(family, now);
            if (!snapshot.getDataPoints().isEmpty()) {
                snapshots.add(snapshot);
            }
        }
        return new MetricSnapshots(snapshots);
    }

    private static <R> GaugeSnapshot gauges(Family<R> family, Collection<R> rows) {
        List<GaugeSnapshot.GaugeDataPointSnapshot> points = new ArrayList<>(rows.size() * family.points().size());
        for (Point<R> point : family.points()) {
            for (R row : rows) {
                Labels labels = point.labels().apply(row);
                if (labels != null) {
                    points.add(new GaugeSnapshot.GaugeDataPointSnapshot(point.value().applyAsDouble(row), labels,
                            null));
                }
            }
        }
        return new GaugeSnapshot(new MetricMetadata(family.name(), family.help()), points);
    }

    private static <R> CounterSnapshot counters(Family<R> family, Collection<R> rows) {
        List<CounterSnapshot.CounterDataPointSnapshot> points =
                new ArrayList<>(rows.size() * family.points().size());
        for (Point<R> point : family.points()) {
            for (R row : rows) {
                Labels labels = point.labels().apply(row);
                if (labels != null) {
                    points.add(new CounterSnapshot.CounterDataPointSnapshot(point.value().applyAsDouble(row), labels,
                            null, 0));
                }
            }
        }
        return new CounterSnapshot(new MetricMetadata(family.name(), family.help()), points);
    }
}
