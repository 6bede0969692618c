package io.tunnelwatch.collector.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.NetUtil;
import io.tunnelwatch.collector.framing.FrameListener;
import io.tunnelwatch.collector.framing.FrameProblem;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.syslog.DropReason;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes framed syslog messages of one TCP or TLS connection to the ingest path, and applies backpressure: when Kafka
 * falls behind, the connection stops reading (the sender's TCP window closes) instead of dropping. The lines that
 * still arrive once reading is off (the rest of the buffer being decoded; with TLS, {@code SslHandler} reads on until
 * it has a whole TLS record) are held here, in order, and handed on before reading resumes: a paused connection never
 * offers a line to a full queue, so a TCP or TLS line is never dropped for want of room. Also the
 * {@link FrameListener} of the connection's framer: every discarded frame is counted as a drop and logged with the
 * sender's address. One instance per connection. The lines of one socket read share one receive time.
 */
public final class SyslogStreamHandler extends SimpleChannelInboundHandler<ByteBuf> implements FrameListener {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogStreamHandler.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private static final long RESUME_CHECK_MILLIS = 5;

    private final SyslogIngest ingest;
    private final Transport transport;
    /** Lines read while paused, with their receive times; empty while reading. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private String senderIp;
    /** When the socket read being handled happened: one clock read per read, shared by its lines; null between. */
    private Instant readAt;

    public SyslogStreamHandler(SyslogIngest ingest, Transport transport) {
        this.ingest = ingest;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        senderIp = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? NetUtil.toAddressString(inet.getAddress())
                : String.valueOf(ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (readAt == null) {
            readAt = ingest.now();
        }
        String line = frame.toString(StandardCharsets.UTF_8);
        if (!held.isEmpty() || !ctx.channel().config().isAutoRead()) {
            held.add(new Held(line, readAt));
            return;
        }
        ingest.accept(line, senderIp, transport, readAt);
        // Checked per line, not once per read loop: a loop reads up to 16 buffers (a megabyte of lines after an
        // outage); turned off here, the loop stops after the current buffer, whose other lines wait in held.
        if (!ingest.hasRoom() && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            scheduleResume(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // The sender is gone: what it sent is handed on now, queue room or not (a full queue counts a drop).
        handOnHeld(true);
        super.channelInactive(ctx);
    }

    /** Hands held lines on while there is room (or all of them when {@code all}); true when none is left. */
    private boolean handOnHeld(boolean all) {
        while (!held.isEmpty() && (all || ingest.hasRoom())) {
            Held h = held.poll();
            ingest.accept(h.line, senderIp, transport, h.readAt);
        }
        return held.isEmpty();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readAt = null;
        ctx.fireChannelReadComplete();
    }

    private void scheduleResume(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (handOnHeld(false) && ingest.hasRoom()) {
                ctx.channel().config().setAutoRead(true);
            } else {
                scheduleResume(ctx);
            }
        }, RESUME_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private record Held(String line, Instant readAt) {
    }

    @Override
    public void discarded(FrameProblem problem) {
        DropReason reason = switch (problem) {
            case TOO_LONG -> DropReason.FRAME_TOO_LONG;
            case BAD_OCTET_COUNT -> DropReason.BAD_OCTET_COUNT;
            case TRUNCATED -> DropReason.TRUNCATED_FRAME;
        };
        ingest.discarded(transport, reason);
        RATE_LIMITED.warn(reason.label(), "Discarded a syslog frame from {} over {}: {}", senderIp, transport.label(),
                reason.label());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        RATE_LIMITED.warn("connection_error", "Closing syslog connection from {}: {}", senderIp, cause.toString());
        ctx.close();
    }
}
