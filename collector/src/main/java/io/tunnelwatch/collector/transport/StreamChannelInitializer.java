package io.tunnelwatch.collector.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.framing.SyslogFrameDecoder;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one TCP (RFC 6587) or TLS (RFC 5425) syslog connection, in order: how much a read round brought
 * (for the loop's nap), idle timer, connection limit, TLS (when a context is given), RFC 6587 framing, ingest. The framing is the same for both: RFC 5425 prescribes
 * octet counting inside TLS, and LF framing is tolerated because some senders use it there too.
 */
final class StreamChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Transport transport;
    private final SyslogListenerConfig config;
    private final SyslogIngest ingest;
    private final ConnectionMeters meters;
    private final SslContext ssl;

    /** @param ssl the server TLS context, or null for plain TCP */
    StreamChannelInitializer(Transport transport, SyslogListenerConfig config, SyslogIngest ingest,
                             ConnectionMeters meters, SslContext ssl) {
        this.transport = transport;
        this.config = config;
        this.ingest = ingest;
        this.meters = meters;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("busy-watch", new BusyConnectionWatch());
        if (!config.idleTimeout().isZero()) {
            p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        p.addLast("guard", new ConnectionGuard(transport, meters, config.maxConnections()));
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
            p.addLast("tls-watch", new TlsHandshakeWatcher(meters));
        }
        SyslogStreamHandler handler = new SyslogStreamHandler(ingest, transport);
        p.addLast("framer", new SyslogFrameDecoder(config.maxFrameLength(), handler));
        p.addLast("syslog", handler);
    }
}
