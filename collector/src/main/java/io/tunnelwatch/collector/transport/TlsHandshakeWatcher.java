package io.tunnelwatch.collector.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link io.netty.handler.ssl.SslHandler}: counts and logs (rate-limited, with the peer
 * address) every failed RFC 5425 handshake, and closes the connection. The handshake error that Netty also passes
 * down as an exception is consumed here, so it is logged once. One instance per connection.
 */
final class TlsHandshakeWatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeWatcher.class);
    private static final RateLimitedLog RATE_LIMITED = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    private final ConnectionMeters meters;
    private boolean failed;

    TlsHandshakeWatcher(ConnectionMeters meters) {
        this.meters = meters;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess() && !failed) {
            failed = true;
            meters.tlsHandshakeFailed();
            RATE_LIMITED.warn("tls_handshake_failed", "TLS handshake with {} failed: {}",
                    ctx.channel().remoteAddress(), rootMessage(done.cause()));
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed || hasSslCause(cause)) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static boolean hasSslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
