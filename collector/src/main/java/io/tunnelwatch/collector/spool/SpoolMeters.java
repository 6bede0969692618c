package io.tunnelwatch.collector.spool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/** The meters of one topic's spool, tagged {@code topic}; every drop reason registered up front. */
public final class SpoolMeters {

    /** Why a record did not make it through the spool; the lower-case name is the {@code reason} label. */
    public enum DropReason {
        /** Refused: the spool had reached its size cap (the record stayed in memory or was dropped by its source). */
        SPOOL_FULL,
        /** A record cut short at the end of the last segment by a crash, found and cut off on opening. */
        TORN_TAIL,
        /** A record whose checksum or length did not hold when it was read back. */
        CORRUPT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final String topic;
    private final Counter spooled;
    private final Counter replayed;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    /** The size of the log now open (a reopened log replaces the closed one's). */
    private volatile LongSupplier bytes = () -> 0;

    public SpoolMeters(String topic, MeterRegistry registry) {
        this.registry = registry;
        this.topic = topic;
        this.spooled = counter(CollectorMeters.SPOOL_RECORDS_SPOOLED);
        this.replayed = counter(CollectorMeters.SPOOL_REPLAYED);
        Gauge.builder(CollectorMeters.SPOOL_BYTES.meterName(), this, m -> m.bytes.getAsLong())
                .description(CollectorMeters.SPOOL_BYTES.description()).baseUnit("bytes").tag("topic", topic)
                .strongReference(true).register(registry);
        for (DropReason r : DropReason.values()) {
            dropped.put(r, Counter.builder(CollectorMeters.SPOOL_DROPPED.meterName())
                    .description(CollectorMeters.SPOOL_DROPPED.description())
                    .tags("topic", topic, "reason", r.label()).register(registry));
        }
    }

    /** Shows {@code bytes} (the spool's size on disk) as the bytes gauge. */
    void watch(LongSupplier bytes) {
        this.bytes = bytes;
    }

    void spooled(long records) {
        spooled.increment(records);
    }

    void replayed() {
        replayed.increment();
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    private Counter counter(CollectorMeters meter) {
        return Counter.builder(meter.meterName()).description(meter.description()).tag("topic", topic)
                .register(registry);
    }
}
