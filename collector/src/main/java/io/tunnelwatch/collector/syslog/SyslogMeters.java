package io.tunnelwatch.collector.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The syslog counters, registered once per transport so the hot path only increments. */
final class SyslogMeters {

    private final MeterRegistry registry;
    private final Map<Transport, Counter> received = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> parsed = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> ignored = new EnumMap<>(Transport.class);
    private final Map<String, Counter> byReason = new ConcurrentHashMap<>();

    SyslogMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Transport t : Transport.values()) {
            received.put(t, counter(CollectorMeters.SYSLOG_RECEIVED, t));
            parsed.put(t, counter(CollectorMeters.SYSLOG_PARSED, t));
            ignored.put(t, counter(CollectorMeters.SYSLOG_IGNORED, t));
        }
    }

    void received(Transport t) {
        received.get(t).increment();
    }

    void parsed(Transport t) {
        parsed.get(t).increment();
    }

    void ignored(Transport t) {
        ignored.get(t).increment();
    }

    void unparsed(Transport t, String reason) {
        reasonCounter(CollectorMeters.SYSLOG_UNPARSED, t, reason).increment();
    }

    void dropped(Transport t, String reason) {
        reasonCounter(CollectorMeters.SYSLOG_DROPPED, t, reason).increment();
    }

    private Counter counter(CollectorMeters meter, Transport t) {
        return Counter.builder(meter.meterName()).description(meter.description())
                .tag("transport", t.label()).register(registry);
    }

    private Counter reasonCounter(CollectorMeters meter, Transport t, String reason) {
        return byReason.computeIfAbsent(meter.name() + '/' + t.name() + '/' + reason,
                k -> Counter.builder(meter.meterName()).description(meter.description())
                        .tags("transport", t.label(), "reason", reason).register(registry));
    }
}
