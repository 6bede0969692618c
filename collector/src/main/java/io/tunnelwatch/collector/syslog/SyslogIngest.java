package io.tunnelwatch.collector.syslog;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.catalog.CatalogMatch;
import io.tunnelwatch.collector.catalog.MessageCatalog;
import io.tunnelwatch.collector.kafka.PublishOutcome;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every syslog line takes, whatever its transport: parse the header, look the message up in the
 * catalog, build the {@link TunnelEvent}, hand it to the sink. Every outcome is counted; nothing vanishes silently.
 * Free of Netty types so it is tested directly; called from event-loop threads, so it never blocks.
 */
public final class SyslogIngest {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogIngest.class);

    private final IosSyslogParser parser = new IosSyslogParser();
    private final MessageCatalog catalog = new MessageCatalog();
    private final DeviceResolver devices;
    private final EventSink sink;
    private final Clock clock;
    private final SyslogMeters meters;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public boolean hasRoom() {
        return sink.hasRoom();
    }

    public SyslogIngest(DeviceResolver devices, EventSink sink, Clock clock, MeterRegistry registry) {
        this.devices = devices;
        this.sink = sink;
        this.clock = clock;
        this.meters = new SyslogMeters(registry);
    }

    /**
     * Takes one line.
     *
     * @param senderIp the source address of the datagram or connection, canonical text
     */
    public void accept(String line, String senderIp, Transport transport) {
        meters.received(transport);
        SyslogParseResult result = parser.parse(line);
        if (result instanceof SyslogParseResult.Unparsed unparsed) {
            String reason = unparsed.reason().label();
            meters.unparsed(transport, unparsed.reason());
            rateLimitedLog.warn("unparsed_" + reason, "Unparsed syslog line from {} over {}: {}", senderIp,
                    transport.label(), abbreviate(line));
            return;
        }
        SyslogMessage message = ((SyslogParseResult.Parsed) result).message();
        Optional<CatalogMatch> match = catalog.match(message);
        if (match.isEmpty()) {
            meters.ignored(transport);
            return;
        }
        TunnelEvent event = toEvent(message, match.get(), senderIp, transport);
        PublishOutcome outcome = sink.offer(event);
        if (outcome == PublishOutcome.QUEUED) {
            meters.parsed(transport);
        } else {
            DropReason reason = outcome == PublishOutcome.CLOSED ? DropReason.CLOSED : DropReason.QUEUE_FULL;
            meters.dropped(transport, reason);
            rateLimitedLog.warn("dropped_" + reason.label(), "Dropped a {} event from {}: {}", event.kind(),
                    senderIp, reason.label());
        }
    }

    /** Counts a message the transport received but had to discard before it could be parsed. */
    public void discarded(Transport transport, DropReason reason) {
        meters.received(transport);
        meters.dropped(transport, reason);
    }

    private TunnelEvent toEvent(SyslogMessage m, CatalogMatch match, String senderIp, Transport transport) {
        return new TunnelEvent(TunnelEvent.VERSION, match.kind(), match.layer(),
                devices.deviceFor(senderIp, m.originId()), match.peer(), match.ikeVersion(), m.fullMnemonic(),
                m.severity(), match.fields(), routerTime(m), clock.instant(), senderIp, transport.label(),
                m.text());
    }

    private static String routerTime(SyslogMessage m) {
        if (m.routerTime() == null) {
            return null;
        }
        return m.syncMark() == ' ' ? m.routerTime() : m.syncMark() + m.routerTime();
    }

    private static String abbreviate(String line) {
        String oneLine = line.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
