package io.tunnelwatch.collector.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog sockets: UDP (one message per datagram) and TCP (newline-framed), on one shared event-loop group.
 * Sockets only; every message goes to {@link SyslogIngest}.
 */
public final class SyslogServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
    /** Largest UDP payload: one datagram is read whole, never truncated. */
    private static final int MAX_DATAGRAM = 65_535;

    private final SyslogListenerConfig config;
    private final SyslogIngest ingest;
    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup group;
    private InetSocketAddress udpAddress;
    private InetSocketAddress tcpAddress;

    public SyslogServer(SyslogListenerConfig config, SyslogIngest ingest) {
        this.config = config;
        this.ingest = ingest;
    }

    /** Binds the configured sockets. @throws ListenerStartException naming the port when one cannot be bound */
    public void start() {
        group = NettyTransports.newGroup(config.ioThreads());
        try {
            if (config.udpPort() >= 0) {
                udpAddress = bindUdp();
            }
            if (config.tcpPort() >= 0) {
                tcpAddress = bindTcp();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Syslog listening on udp {} tcp {} ({})", udpAddress, tcpAddress, NettyTransports.name());
    }

    private InetSocketAddress bindUdp() {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NettyTransports.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, config.udpReceiveBuffer())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new SyslogDatagramHandler(ingest));
        return bind("UDP", config.udpPort(), () -> b.bind(config.bindHost(), config.udpPort()));
    }

    private InetSocketAddress bindTcp() {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NettyTransports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("framer", new LineBasedFrameDecoder(config.maxFrameLength(), true, false))
                                .addLast("syslog", new SyslogStreamHandler(ingest, Transport.TCP));
                    }
                });
        return bind("TCP", config.tcpPort(), () -> b.bind(config.bindHost(), config.tcpPort()));
    }

    private InetSocketAddress bind(String what, int port, Supplier<ChannelFuture> bind) {
        ChannelFuture future = bind.get().awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            throw new ListenerStartException("cannot listen for syslog on " + what + " " + config.bindHost() + ":"
                    + port + " (" + cause.getMessage() + "); is another collector running? choose another port with"
                    + " --syslog-port", cause);
        }
        channels.add(future.channel());
        return (InetSocketAddress) future.channel().localAddress();
    }

    /** The bound UDP address, or null when UDP is off. */
    public InetSocketAddress udpAddress() {
        return udpAddress;
    }

    /** The bound TCP address, or null when TCP is off. */
    public InetSocketAddress tcpAddress() {
        return tcpAddress;
    }

    /** Closes the sockets, then lets in-flight messages finish. */
    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        channels.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
        }
    }
}
