package io.tunnelwatch.collector.syslog;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.sink.RawLineSink;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every syslog line takes, whatever its transport: read it ({@link SyslogLineReader}: header, catalog,
 * device), count sequence-number gaps, hand events to the sink and, when configured, raw copies of the other lines
 * to the raw sink. Every outcome is counted; nothing vanishes silently. Free of Netty types so it is tested
 * directly; called from event-loop threads, so it never blocks.
 */
public final class SyslogIngest {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogIngest.class);

    private final SyslogLineReader reader;
    private final DeviceResolver devices;
    private final boolean rejectUnknownSenders;
    private final EventSink sink;
    private final RawLineSink rawSink;
    private final SyslogMeters meters;
    private final SequenceLoss loss;
    private final Clock clock;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public SyslogIngest(DeviceResolver devices, EventSink sink, Clock clock, MeterRegistry registry) {
        this(devices, PolledTunnels.NONE, false, List.of(), sink, null, clock, registry);
    }

    /**
     * @param rawSink where raw copies go when {@code config.rawCopy()}; may be null otherwise
     */
    public SyslogIngest(IngestConfig config, EventSink sink, RawLineSink rawSink, Clock clock,
                        MeterRegistry registry) {
        this(config, PolledTunnels.NONE, sink, rawSink, clock, registry);
    }

    /**
     * @param polled  the tunnel endpoints the SNMP poller learned, for tunnels the inventory does not map
     * @param rawSink where raw copies go when {@code config.rawCopy()}; may be null otherwise
     */
    public SyslogIngest(IngestConfig config, PolledTunnels polled, EventSink sink, RawLineSink rawSink, Clock clock,
                        MeterRegistry registry) {
        this(DeviceResolver.from(config.inventory()), polled, config.rejectUnknownSenders(),
                config.inventory().devices().stream().map(Device::name).toList(), sink,
                config.rawCopy() ? rawSink : null, clock, registry);
    }

    private SyslogIngest(DeviceResolver devices, PolledTunnels polled, boolean rejectUnknownSenders,
                         Collection<String> inventoryDevices, EventSink sink, RawLineSink rawSink, Clock clock,
                         MeterRegistry registry) {
        this.reader = new SyslogLineReader(devices, polled, clock);
        this.clock = clock;
        this.devices = devices;
        this.rejectUnknownSenders = rejectUnknownSenders;
        this.sink = sink;
        this.rawSink = rawSink;
        this.meters = new SyslogMeters(registry);
        this.loss = new SequenceLoss(registry, inventoryDevices);
    }

    /** Now, by the clock this ingest stamps events with. */
    public Instant now() {
        return clock.instant();
    }

    public boolean hasRoom() {
        return sink.hasRoom();
    }

    /**
     * Takes one line.
     *
     * @param senderIp the source address of the datagram or connection, canonical text
     */
    public void accept(String line, String senderIp, Transport transport) {
        accept(line, senderIp, transport, clock.instant());
    }

    /**
     * Takes one line received at {@code receivedAt}: a stream transport reads the clock once per socket read, not
     * once per line of it (a few percent of a busy event loop).
     */
    public void accept(String line, String senderIp, Transport transport, Instant receivedAt) {
        meters.received(transport);
        LineOutcome outcome = reader.read(line, senderIp, transport.label(), receivedAt);
        if (devices.hasInventory() && !outcome.knownDevice()) {
            meters.unknownSender();
            if (rejectUnknownSenders) {
                meters.dropped(transport, DropReason.UNKNOWN_SENDER);
                rateLimitedLog.warn("dropped_unknown_sender", "Dropped a line from {}, which the inventory does"
                        + " not list (--reject-unknown-senders)", senderIp);
                return;
            }
        }
        if (outcome instanceof LineOutcome.Event e) {
            trackSequence(e.device(), e.message());
            publish(e.event(), senderIp, transport);
        } else if (outcome instanceof LineOutcome.Ignored i) {
            trackSequence(i.device(), i.message());
            meters.ignored(transport);
            copyRaw(i.device(), line);
        } else if (outcome instanceof LineOutcome.Unparsed u) {
            meters.unparsed(transport, u.reason());
            rateLimitedLog.warn("unparsed_" + u.reason().label(), "Unparsed syslog line from {} over {}: {}",
                    senderIp, transport.label(), abbreviate(line));
            if (u.reason() != SyslogParseResult.Reason.EMPTY) {
                copyRaw(u.device(), line);
            }
        }
    }

    /** Counts a message the transport received but had to discard before it could be parsed. */
    public void discarded(Transport transport, DropReason reason) {
        meters.received(transport);
        meters.dropped(transport, reason);
    }

    private void publish(TunnelEvent event, String senderIp, Transport transport) {
        UntiedReason untied = UntiedReason.of(event);
        if (untied != null) {
            meters.untied(untied);
            rateLimitedLog.warn("untied_" + untied.label(), "A {} from {} names {} that no inventory entry or polled"
                    + " tunnel ties to a peer; published device-wide", event.mnemonic(), event.device(),
                    untied.what(event));
        }
        PublishOutcome outcome = transport == Transport.UDP ? sink.offerDroppable(event) : sink.offer(event);
        if (outcome == PublishOutcome.QUEUED) {
            meters.parsed(transport);
        } else {
            DropReason reason = DropReason.of(outcome);
            meters.dropped(transport, reason);
            rateLimitedLog.warn("dropped_" + reason.label(), "Dropped a {} event from {}: {}", event.kind(),
                    senderIp, reason.label());
        }
    }

    private void trackSequence(String device, SyslogMessage message) {
        if (message.sequence() >= 0 && !loss.observe(device, message.sequence())) {
            rateLimitedLog.warn("sequence_untracked", "Not tracking sequence numbers of {}: more than {} devices"
                    + " outside the inventory send them", device, SequenceLoss.MAX_UNLISTED);
        }
    }

    private void copyRaw(String device, String line) {
        if (rawSink == null) {
            return;
        }
        PublishOutcome outcome = rawSink.offer(device, stripLineEnd(line));
        if (outcome != PublishOutcome.QUEUED) {
            DropReason reason = DropReason.of(outcome);
            meters.rawDropped(reason);
            rateLimitedLog.warn("raw_dropped_" + reason.label(), "Dropped the raw copy of a line from {}: {}",
                    device, reason.label());
        }
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r'
                || line.charAt(end - 1) == '\0')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static String abbreviate(String line) {
        String oneLine = line.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
