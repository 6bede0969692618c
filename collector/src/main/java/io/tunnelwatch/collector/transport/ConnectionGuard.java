package io.tunnelwatch.collector.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.syslog.Transport;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every TCP/TLS connection: applies the connection limit (a connection over it is closed at once,
 * before any TLS work is spent on it) and keeps the open-connections gauge. It also closes a connection its
 * {@link io.netty.handler.timeout.IdleStateHandler} found idle, unless the connection is idle only because the
 * collector itself stopped reading it (backpressure from Kafka). One instance per connection.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    private final Transport transport;
    private final ConnectionMeters meters;
    private final int maxConnections;
    private boolean admitted;

    ConnectionGuard(Transport transport, ConnectionMeters meters, int maxConnections) {
        this.transport = transport;
        this.meters = meters;
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!meters.admit(transport, maxConnections)) {
            RATE_LIMITED.warn("connection_limit", "Closing a {} syslog connection from {}: {} connections are open"
                    + " already (--syslog-max-connections)", transport.label(), ctx.channel().remoteAddress(),
                    maxConnections);
            ctx.close();
            return;
        }
        admitted = true;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            admitted = false;
            meters.closed(transport);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (ctx.channel().config().isAutoRead()) {
                meters.closedIdle(transport);
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
