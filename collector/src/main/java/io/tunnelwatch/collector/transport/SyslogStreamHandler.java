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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes framed syslog messages of one TCP or TLS connection to the ingest path, and applies backpressure: when Kafka
 * falls behind, the connection stops reading (the sender's TCP window closes) instead of dropping. Also the
 * {@link FrameListener} of the connection's framer: every discarded frame is counted as a drop and logged with the
 * sender's address. One instance per connection. The lines of one socket read share one receive time.
 */
public final class SyslogStreamHandler extends SimpleChannelInboundHandler<ByteBuf> implements FrameListener {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogStreamHandler.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private static final long RESUME_CHECK_MILLIS = 5;

    private final SyslogIngest ingest;
    private final Transport transport;
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
        ingest.accept(frame.toString(StandardCharsets.UTF_8), senderIp, transport, readAt);
        // Checked per line, not once per read loop: a loop reads up to 16 buffers (a megabyte of lines after an
        // outage), more than the queue keeps in reserve; turned off here, the loop stops after the current buffer.
        if (!ingest.hasRoom() && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            scheduleResume(ctx);
        }
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
            if (ingest.hasRoom()) {
                ctx.channel().config().setAutoRead(true);
            } else {
                scheduleResume(ctx);
            }
        }, RESUME_CHECK_MILLIS, TimeUnit.MILLISECONDS);
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
