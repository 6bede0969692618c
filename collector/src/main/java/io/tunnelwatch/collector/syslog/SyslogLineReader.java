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
    /** The catalog field naming a routing neighbour over a tunnel, e.g. {@code 169.254.22.6}. */
    static final String NEIGHBOR_FIELD = "neighbor";

    private final IosSyslogParser parser = new IosSyslogParser();
    private final MessageCatalog catalog = new MessageCatalog();
    private final DeviceResolver devices;
    private final PolledTunnels polled;
    private final Clock clock;
    private final DebugLinePeers debugPeers = new DebugLinePeers();

    public SyslogLineReader(DeviceResolver devices, Clock clock) {
        this(devices, PolledTunnels.NONE, clock);
    }

    /** @param polled the tunnel endpoints SNMP polls learned, for tunnels the inventory does not map */
    public SyslogLineReader(DeviceResolver devices, PolledTunnels polled, Clock clock) {
        this.devices = devices;
        this.polled = polled;
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
        String peer = debugPeers.peerOf(device, c.kind(), peerOf(c, device, devices, polled), receivedAt);
        TunnelEvent event = new TunnelEvent(TunnelEvent.VERSION, c.kind(), c.layer(), device, peer, c.ikeVersion(),
                m.fullMnemonic(), m.severity(), c.fields(), routerTime(m), receivedAt, senderIp, transport, m.text());
        return new LineOutcome.Event(event, m, known);
    }

    /**
     * The peer of an event: the one the message names; else, for a message about a tunnel interface, the peer the
     * inventory puts on that tunnel, else the tunnel's remote endpoint from the last poll (TUNNEL-MIB); else, for a
     * routing neighbour, the peer whose inventory entry lists it among its {@code routingNeighbors}. So an SVTI
     * going down or an adjacency over it lands in that peer's partition and state; what none ties stays
     * device-wide ({@link io.tunnelwatch.events.PeerKey#ANY_PEER}).
     */
    static String peerOf(CatalogMatch match, String device, DeviceResolver devices) {
        return peerOf(match, device, devices, PolledTunnels.NONE);
    }

    static String peerOf(CatalogMatch match, String device, DeviceResolver devices, PolledTunnels polled) {
        if (!PeerKey.ANY_PEER.equals(match.peer())) {
            return match.peer();
        }
        String iface = match.fields().get(INTERFACE_FIELD);
        if (iface != null) {
            Optional<String> mapped = devices.peerOnTunnel(device, iface);
            if (mapped.isPresent()) {
                return mapped.get();
            }
            String remote = polled.remoteOf(device, iface);
            if (remote != null) {
                return remote;
            }
        }
        String neighbor = match.fields().get(NEIGHBOR_FIELD);
        if (neighbor != null) {
            return devices.peerReaching(device, neighbor).orElse(PeerKey.ANY_PEER);
        }
        return PeerKey.ANY_PEER;
    }

    private static String routerTime(SyslogMessage m) {
        if (m.routerTime() == null) {
            return null;
        }
        return m.syncMark() == ' ' ? m.routerTime() : m.syncMark() + m.routerTime();
    }
}
