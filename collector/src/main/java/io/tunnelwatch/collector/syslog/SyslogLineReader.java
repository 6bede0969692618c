package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.collector.catalog.CatalogMatch;
import io.tunnelwatch.collector.catalog.MessageCatalog;
import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One syslog line in, its {@link LineOutcome} out: the IOS header parser, the message catalog, the device identity
 * and the tunnel-interface mapping, with no counting, no Kafka and no Netty. {@link SyslogIngest} runs every
 * received line through it; {@code tunnelwatch parse} runs pasted lines through it, so both read a line the same way.
 * Thread-safe.
 */
public final class SyslogLineReader {

    /** The catalog field naming the interface a message is about, e.g. {@code Tunnel7}. */
    static final String INTERFACE_FIELD = "interface";

    private final IosSyslogParser parser = new IosSyslogParser();
    private final MessageCatalog catalog = new MessageCatalog();
    private final DeviceResolver devices;
    private final Clock clock;

    public SyslogLineReader(DeviceResolver devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * @param senderIp  the sender's address, canonical text (or the label of an assumed device)
     * @param transport the {@code transport} of the event: udp, tcp, tls, or another label
     */
    public LineOutcome read(String line, String senderIp, String transport) {
        return read(line, senderIp, transport, clock.instant());
    }

    /** {@link #read(String, String, String)} of a line received at {@code receivedAt}. */
    public LineOutcome read(String line, String senderIp, String transport, Instant receivedAt) {
        SyslogParseResult result = parser.parse(line);
        if (result instanceof SyslogParseResult.Unparsed unparsed) {
            String device = devices.deviceFor(senderIp, null);
            return new LineOutcome.Unparsed(unparsed.reason(), device, devices.inInventory(device));
        }
        SyslogMessage m = ((SyslogParseResult.Parsed) result).message();
        String device = devices.deviceFor(senderIp, m.originId());
        boolean known = devices.inInventory(device);
        Optional<CatalogMatch> match = catalog.match(m);
        if (match.isEmpty()) {
            return new LineOutcome.Ignored(m, device, known);
        }
        CatalogMatch c = match.get();
        TunnelEvent event = new TunnelEvent(TunnelEvent.VERSION, c.kind(), c.layer(), device,
                peerOf(c, device, devices), c.ikeVersion(), m.fullMnemonic(), m.severity(), c.fields(),
                routerTime(m), receivedAt, senderIp, transport, m.text());
        return new LineOutcome.Event(event, m, known);
    }

    /**
     * The peer of an event: the one the message names, else, for a message about a tunnel interface, the peer the
     * inventory puts on that tunnel, so an SVTI going down lands in that peer's partition and state.
     */
    static String peerOf(CatalogMatch match, String device, DeviceResolver devices) {
        String iface = match.fields().get(INTERFACE_FIELD);
        if (!PeerKey.ANY_PEER.equals(match.peer()) || iface == null) {
            return match.peer();
        }
        return devices.peerOnTunnel(device, iface).orElse(PeerKey.ANY_PEER);
    }

    private static String routerTime(SyslogMessage m) {
        if (m.routerTime() == null) {
            return null;
        }
        return m.syncMark() == ' ' ? m.routerTime() : m.syncMark() + m.routerTime();
    }
}
