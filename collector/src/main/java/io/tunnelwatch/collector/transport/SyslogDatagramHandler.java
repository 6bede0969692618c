package io.tunnelwatch.collector.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.syslog.DropReason;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One syslog message per UDP datagram (RFC 5426): copied off the socket's buffer and queued for the socket's parse
 * thread ({@link DatagramBacklog}), so the event loop does nothing but read. One instance per UDP socket.
 */
public final class SyslogDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /**
     * The longest datagram read whole, bytes; a longer one fills its read slot exactly and is dropped and counted
     * as too long. RFC 5426 asks receivers for 2048 at least; IOS messages are far shorter.
     */
    public static final int MAX_DATAGRAM = 8_192;

    /** Sender addresses as text, so a busy router's address is formatted once, not per datagram. */
    private static final int MAX_CACHED_SENDERS = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(SyslogDatagramHandler.class);

    private final SyslogIngest ingest;
    private final DatagramBacklog backlog;
    private final Map<InetAddress, String> senders = new HashMap<>();
    /** Per socket: a flood of drops shows as one line per reason every 10 s, the counters carry the numbers. */
    private final RateLimitedLog dropLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    SyslogDatagramHandler(SyslogIngest ingest, DatagramBacklog backlog) {
        this.ingest = ingest;
        this.backlog = backlog;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        String sender = sender(packet.sender().getAddress());
        if (content.readableBytes() >= MAX_DATAGRAM) {
            drop(DropReason.FRAME_TOO_LONG, sender);
            return;
        }
        if (!backlog.offer(ByteBufUtil.getBytes(content), sender)) {
            drop(backlog.refusal(), sender);
        }
    }

    private void drop(DropReason reason, String sender) {
        ingest.discarded(Transport.UDP, reason);
        dropLog.warn(reason.label(), "Dropped a syslog datagram from {} before parsing: {}", sender, reason.label());
    }

    private String sender(InetAddress address) {
        String text = senders.get(address);
        if (text == null) {
            if (senders.size() >= MAX_CACHED_SENDERS) {
                senders.clear();
            }
            text = NetUtil.toAddressString(address);
            senders.put(address, text);
        }
        return text;
    }
}
