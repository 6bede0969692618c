package io.tunnelwatch.launcher.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus registry of a tunnelwatch process. It serves a gauge whose base unit is milliseconds in seconds,
 * the base unit Prometheus asks for: {@code kafka_stream_thread_commit_latency_avg_seconds}, not a bare
 * {@code kafka_stream_thread_commit_latency_avg} in milliseconds. Kafka reports its latencies in milliseconds;
 * {@link KafkaMeterFilter} gives the kept ones that unit and this registry converts them.
 */
public final class SecondsPrometheusRegistry extends PrometheusMeterRegistry {

    static final String MILLISECONDS = "milliseconds";
    static final String SECONDS = "seconds";

    public SecondsPrometheusRegistry() {
        super(PrometheusConfig.DEFAULT);
    }

    @Override
    protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
        if (MILLISECONDS.equals(id.getBaseUnit())) {
            Meter.Id inSeconds = new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), SECONDS,
                    inSeconds(id.getDescription()), id.getType());
            return super.newGauge(inSeconds, obj, o -> valueFunction.applyAsDouble(o) / 1000.0);
        }
        return super.newGauge(id, obj, valueFunction);
    }

    /** The help text, saying the unit it is served in ("The average request latency in ms" says milliseconds). */
    static String inSeconds(String description) {
        if (description == null || description.isBlank()) {
            return "In seconds";
        }
        return description.replaceFirst("\\s+in ms$", "") + ", in seconds";
    }
}
