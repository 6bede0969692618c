package io.tunnelwatch.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.prometheus.metrics.model.snapshots.Labels;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.alert.PeerAlerting;
import io.tunnelwatch.streams.alert.Placeholders;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tunnelwatch_peer_alert{device,peer,alert,layer,severity}} = 1 while a peer's alert is open, the series gone
 * when it resolves, with {@code tunnelwatch_peer_alert_diagnosis} beside it carrying the diagnosis a page needs
 * ({@link AlertPage}), and the fleet count {@code tunnelwatch_alerts_open{alert,severity}},
 * registered for every alert at start. Follows the partitions like {@link PeerPhaseMetrics}: a peer's open alert is
 * announced again from the store when its partition is assigned. On a Prometheus registry the peers' series come
 * from a {@link PeerSeriesCollector}; the fleet count stays a meter.
 */
public final class PeerAlertMetrics implements PeerStateListener {

    private final MeterRegistry registry;
    private final PeerSeriesCollector<OpenGauge> open;
    private final Map<AlertType, AtomicInteger> byType = new EnumMap<>(AlertType.class);

    public PeerAlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AlertType type : AlertType.values()) {
            AtomicInteger count = new AtomicInteger();
            byType.put(type, count);
            Gauge.builder(TunnelwatchMeters.ALERTS_OPEN.meterName(), count, AtomicInteger::get)
                    .description(TunnelwatchMeters.ALERTS_OPEN.description())
                    .tags("alert", type.alertName(), "severity", type.severity().label())
                    .register(registry);
        }
        this.open = PeerSeriesCollector.on(registry, List.of(
                PeerSeriesCollector.family(registry, TunnelwatchMeters.PEER_ALERT, Meter.Type.GAUGE,
                        List.of(PeerSeriesCollector.point(OpenGauge::labels, g -> 1))),
                PeerSeriesCollector.family(registry, TunnelwatchMeters.PEER_ALERT_DIAGNOSIS, Meter.Type.GAUGE,
                        List.of(PeerSeriesCollector.point(OpenGauge::diagnosisLabels, g -> 1)))));
    }

    @Override
    public synchronized void updated(PeerKey key, PeerState state) {
        OpenAlert alert = state.openAlert();
        OpenGauge current = open.get(key);
        if (current == null && alert == null) {
            // Most peers on most inputs: nothing open before or now, nothing to remove from the sorted rows.
            return;
        }
        if (current != null && alert != null && current.type == alert.type()) {
            // Called on every input of a peer with an open alert: the page is built again only when what it is
            // built from changed (docs/performance.md#cheaper-detectors-and-alert-pages).
            Placeholders values = PeerAlerting.placeholders(state);
            if (Objects.equals(alert.cause(), current.cause) && values.equals(current.values)) {
                return;
            }
            AlertPage page = AlertPage.of(alert, values);
            boolean samePage = page.equals(current.page);
            if (!samePage) {
                removeIfMeter(current.info);
            }
            open.put(key, new OpenGauge(current.type, current.gauge, page,
                    samePage ? current.info : info(tagsOf(key, alert), page), current.labels,
                    samePage ? current.diagnosisLabels : diagnosisLabels(current.labels, page), alert.cause(), values));
            return;
        }
        released(key);
        if (alert != null) {
            Tags tags = tagsOf(key, alert);
            Gauge gauge = open.served() ? null : Gauge.builder(TunnelwatchMeters.PEER_ALERT.meterName(), () -> 1)
                    .description(TunnelwatchMeters.PEER_ALERT.description())
                    .tags(tags)
                    .register(registry);
            Placeholders values = PeerAlerting.placeholders(state);
            AlertPage page = AlertPage.of(alert, values);
            Labels labels = PeerSeriesCollector.labels(tags);
            open.put(key, new OpenGauge(alert.type(), gauge, page, info(tags, page), labels,
                    diagnosisLabels(labels, page), alert.cause(), values));
            byType.get(alert.type()).incrementAndGet();
        }
    }

    /** Skips a change that leaves the alert, or its absence, and the values of its page as they were. */
    @Override
    public void changed(PeerKey key, PeerState prior, PeerState next) {
        OpenAlert alert = next.openAlert();
        if (alert == null && prior.openAlert() == null) {
            return;
        }
        if (alert == null || !alert.equals(prior.openAlert())
                || !PeerAlerting.placeholders(next).equals(PeerAlerting.placeholders(prior))) {
            updated(key, next);
        }
    }

    private Gauge info(Tags alertTags, AlertPage page) {
        if (open.served()) {
            return null;
        }
        return Gauge.builder(TunnelwatchMeters.PEER_ALERT_DIAGNOSIS.meterName(), () -> 1)
                .description(TunnelwatchMeters.PEER_ALERT_DIAGNOSIS.description())
                .tags(alertTags.and("summary", page.summary(), "cause", page.cause(), "commands", page.commands()))
                .register(registry);
    }

    private static Labels diagnosisLabels(Labels alertLabels, AlertPage page) {
        return alertLabels.merge(Labels.of("summary", page.summary(), "cause", page.cause(),
                "commands", page.commands()));
    }

    private void removeIfMeter(Gauge gauge) {
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    private static Tags tagsOf(PeerKey key, OpenAlert alert) {
        return Tags.of("device", key.device(), "peer", key.peer(), "alert", alert.type().alertName(),
                "layer", alert.type().layer().name().toLowerCase(java.util.Locale.ROOT),
                "severity", alert.type().severity().label());
    }

    @Override
    public synchronized void released(PeerKey key) {
        OpenGauge g = open.remove(key);
        if (g != null) {
            byType.get(g.type).decrementAndGet();
            removeIfMeter(g.gauge);
            removeIfMeter(g.info);
        }
    }

    /** The open alerts of {@code type} on peers this instance owns. */
    public int openCount(AlertType type) {
        return byType.get(type).get();
    }

    /**
     * An open alert and its series; the gauges are null when the collector serves them. {@code cause} and
     * {@code values} are what the page was built from.
     */
    private record OpenGauge(AlertType type, Gauge gauge, AlertPage page, Gauge info, Labels labels,
                             Labels diagnosisLabels, String cause, Placeholders values) {
    }
}
