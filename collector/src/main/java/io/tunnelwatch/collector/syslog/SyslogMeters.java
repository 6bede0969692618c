package io.tunnelwatch.collector.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The syslog counters, registered once per transport and reason so the hot path only looks up and increments
 * (the maps are filled in the constructor and only read afterwards).
 */
final class SyslogMeters {

    private final MeterRegistry registry;
    private final Map<Transport, Counter> received = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> parsed = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> ignored = new EnumMap<>(Transport.class);
    private final Map<String, Counter> byReason = new HashMap<>();
    private final Counter unknownSenders;
    private final Map<DropReason, Counter> rawDropped = new EnumMap<>(DropReason.class);
    private final Map<UntiedReason, Counter> untied = new EnumMap<>(UntiedReason.class);

    SyslogMeters(MeterRegistry registry) {
        this.registry = registry;
        this.unknownSenders = Counter.builder(CollectorMeters.SYSLOG_UNKNOWN_SENDERS.meterName())
                .description(CollectorMeters.SYSLOG_UNKNOWN_SENDERS.description()).register(registry);
        for (DropReason r : new DropReason[] {DropReason.QUEUE_FULL, DropReason.SPOOL_FULL, DropReason.CLOSED}) {
            rawDropped.put(r, Counter.builder(CollectorMeters.SYSLOG_RAW_DROPPED.meterName())
                    .description(CollectorMeters.SYSLOG_RAW_DROPPED.description()).tag("reason", r.label())
                    .register(registry));
        }
        for (UntiedReason r : UntiedReason.values()) {
            untied.put(r, Counter.builder(CollectorMeters.SYSLOG_UNTIED.meterName())
                    .description(CollectorMeters.SYSLOG_UNTIED.description()).tag("reason", r.label())
                    .register(registry));
        }
        for (Transport t : Transport.values()) {
            received.put(t, counter(CollectorMeters.SYSLOG_RECEIVED, t));
            parsed.put(t, counter(CollectorMeters.SYSLOG_PARSED, t));
            ignored.put(t, counter(CollectorMeters.SYSLOG_IGNORED, t));
            // Every reason is registered up front: dashboards see a zero, not an absent series.
            for (SyslogParseResult.Reason r : SyslogParseResult.Reason.values()) {
                byReason.put(key(CollectorMeters.SYSLOG_UNPARSED, t, r.label()),
                        reasonCounter(CollectorMeters.SYSLOG_UNPARSED, t, r.label()));
            }
            for (DropReason r : DropReason.values()) {
                byReason.put(key(CollectorMeters.SYSLOG_DROPPED, t, r.label()),
                        reasonCounter(CollectorMeters.SYSLOG_DROPPED, t, r.label()));
            }
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

    void unparsed(Transport t, SyslogParseResult.Reason reason) {
        byReason.get(key(CollectorMeters.SYSLOG_UNPARSED, t, reason.label())).increment();
    }

    void dropped(Transport t, DropReason reason) {
        byReason.get(key(CollectorMeters.SYSLOG_DROPPED, t, reason.label())).increment();
    }

    void unknownSender() {
        unknownSenders.increment();
    }

    void untied(UntiedReason reason) {
        untied.get(reason).increment();
    }

    void rawDropped(DropReason reason) {
        rawDropped.get(reason).increment();
    }

    private static String key(CollectorMeters meter, Transport t, String reason) {
        return meter.name() + '/' + t.name() + '/' + reason;
    }

    private Counter counter(CollectorMeters meter, Transport t) {
        return Counter.builder(meter.meterName()).description(meter.description())
                .tag("transport", t.label()).register(registry);
    }

    private Counter reasonCounter(CollectorMeters meter, Transport t, String reason) {
        return Counter.builder(meter.meterName()).description(meter.description())
                .tags("transport", t.label(), "reason", reason).register(registry);
    }
}
