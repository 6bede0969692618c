package io.tunnelwatch.collector.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.syslog.Transport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection meters of the stream listeners (TCP and TLS), all registered at construction, whether or not the
 * listener runs, so a dashboard sees zeros rather than absent series. Also holds the count of open connections the
 * connection limit is checked against: one limit for TCP and TLS together, since both spend the same file
 * descriptors and memory.
 */
final class ConnectionMeters {

    static final List<Transport> STREAM_TRANSPORTS = List.of(Transport.TCP, Transport.TLS);

    private final Map<Transport, AtomicInteger> open = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> accepted = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> rejected = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> closedIdle = new EnumMap<>(Transport.class);
    private final AtomicInteger openTotal = new AtomicInteger();
    private final Counter tlsHandshakeFailures;

    ConnectionMeters(MeterRegistry registry) {
        for (Transport t : STREAM_TRANSPORTS) {
            AtomicInteger gauge = new AtomicInteger();
            open.put(t, gauge);
            Gauge.builder(CollectorMeters.SYSLOG_CONNECTIONS_OPEN.meterName(), gauge, AtomicInteger::get)
                    .description(CollectorMeters.SYSLOG_CONNECTIONS_OPEN.description())
                    .tag("transport", t.label()).register(registry);
            accepted.put(t, counter(registry, CollectorMeters.SYSLOG_CONNECTIONS_ACCEPTED, t));
            rejected.put(t, counter(registry, CollectorMeters.SYSLOG_CONNECTIONS_REJECTED, t));
            closedIdle.put(t, counter(registry, CollectorMeters.SYSLOG_CONNECTIONS_CLOSED_IDLE, t));
        }
        tlsHandshakeFailures = Counter.builder(CollectorMeters.SYSLOG_TLS_HANDSHAKE_FAILURES.meterName())
                .description(CollectorMeters.SYSLOG_TLS_HANDSHAKE_FAILURES.description()).register(registry);
    }

    /** Admits a new connection unless {@code limit} are open already; counts it either way. */
    boolean admit(Transport t, int limit) {
        if (openTotal.incrementAndGet() > limit) {
            openTotal.decrementAndGet();
            rejected.get(t).increment();
            return false;
        }
        open.get(t).incrementAndGet();
        accepted.get(t).increment();
        return true;
    }

    /** An admitted connection closed. */
    void closed(Transport t) {
        open.get(t).decrementAndGet();
        openTotal.decrementAndGet();
    }

    void closedIdle(Transport t) {
        closedIdle.get(t).increment();
    }

    void tlsHandshakeFailed() {
        tlsHandshakeFailures.increment();
    }

    private static Counter counter(MeterRegistry registry, CollectorMeters meter, Transport t) {
        return Counter.builder(meter.meterName()).description(meter.description()).tag("transport", t.label())
                .register(registry);
    }
}
