package io.tunnelwatch.collector.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannelConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog sockets: UDP (RFC 5426, one message per datagram; with native epoll several sockets share the port
 * through SO_REUSEPORT so several threads read it), TCP (RFC 6587) and TLS (RFC 5425). The UDP and listening
 * sockets share one event-loop group; the TCP and TLS connections are read by a second one, whose loops nap
 * between looks ({@link NappingSelectStrategy}). Sockets only; the per-connection pipeline is
 * {@link StreamChannelInitializer}, and every message goes to {@link SyslogIngest}.
 */
public final class SyslogServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
    /** Largest UDP payload: one datagram is read whole, never truncated. */
    private static final int DATAGRAMS_PER_READ = 32;

    private final SyslogListenerConfig config;
    private final SyslogIngest ingest;
    private final ConnectionMeters connectionMeters;
    private final MeterRegistry registry;
    private final List<Channel> channels = new ArrayList<>();
    private final List<DatagramBacklog> backlogs = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private EventLoopGroup streamGroup;
    private InetSocketAddress udpAddress;
    private int udpReaders;
    private InetSocketAddress tcpAddress;
    private InetSocketAddress tlsAddress;

    /** Registers the connection meters at once, so they read zero before the first connection. */
    public SyslogServer(SyslogListenerConfig config, SyslogIngest ingest, MeterRegistry registry) {
        this.config = config;
        this.ingest = ingest;
        this.connectionMeters = new ConnectionMeters(registry);
        this.registry = registry;
    }

    /**
     * Binds the configured sockets.
     *
     * @throws ListenerStartException naming the port when one cannot be bound, or the files when the TLS
     *                                certificate or key cannot be used
     */
    public void start() {
        // Loaded before any socket is bound, so bad PEM files fail the start without a half-open listener.
        SslContext ssl = config.tlsEnabled() ? TlsContexts.server(config.tls()) : null;
        group = NettyTransports.newGroup(config.ioThreads());
        if (config.tcpPort() >= 0 || ssl != null) {
            streamGroup = NettyTransports.newStreamGroup(config.ioThreads());
        }
        try {
            if (config.udpPort() >= 0) {
                bindUdp();
            }
            if (config.tcpPort() >= 0) {
                tcpAddress = bindStream(Transport.TCP, config.tcpPort(), null, "--syslog-tcp-port");
            }
            if (ssl != null) {
                tlsAddress = bindStream(Transport.TLS, config.tlsPort(), ssl, "--syslog-tls-port");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Syslog listening on udp {} ({} reader(s)) tcp {} tls {} ({})", udpAddress, udpReaders, tcpAddress,
                tlsAddress, NettyTransports.name());
    }

    private void bindUdp() {
        boolean reusePort = NettyTransports.nativeEpoll();
        int readers = config.effectiveUdpReaders(reusePort);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NettyTransports.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, config.udpReceiveBuffer())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                        SyslogDatagramHandler.MAX_DATAGRAM))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        DatagramBacklog backlog = new DatagramBacklog(ingest, registry,
                                Integer.toString(backlogs.size()));
                        backlogs.add(backlog);
                        ch.pipeline().addLast(new SyslogDatagramHandler(ingest, backlog));
                    }
                });
        if (reusePort) {
            // The kernel spreads datagrams over the sockets bound with SO_REUSEPORT, one event loop each.
            b.option(EpollChannelOption.SO_REUSEPORT, true);
            // recvmmsg: up to DATAGRAMS_PER_READ datagrams per system call, each in its own slot of one buffer.
            // One recvmsg per datagram cost far more (docs/performance.md#why-the-hot-path-looks-as-it-does).
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SyslogDatagramHandler.MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                            SyslogDatagramHandler.MAX_DATAGRAM * DATAGRAMS_PER_READ));
        }
        udpAddress = bind("UDP", config.udpPort(), () -> b.bind(config.bindHost(), config.udpPort()),
                "--syslog-udp-port");
        // With port 0 the first bind picked the port; the other readers join that one.
        int port = udpAddress.getPort();
        for (int i = 1; i < readers; i++) {
            bind("UDP", port, () -> b.bind(config.bindHost(), port), "--syslog-udp-port");
        }
        udpReaders = readers;
        reportReceiveBufferIfCapped(channels.get(channels.size() - 1));
    }

    /**
     * Linux silently caps SO_RCVBUF at {@code net.core.rmem_max} (and reports twice what it granted): a burst the
     * buffer was sized for would then be lost in the kernel, so say so once at start. A warning when the size was
     * asked for on purpose; for the default, which is more than a stock kernel grants, the same line at INFO: the
     * machine's normal limit is not a fault, only a thing to raise for bursts.
     */
    private void reportReceiveBufferIfCapped(Channel udp) {
        int reported = ((DatagramChannelConfig) udp.config()).getReceiveBufferSize();
        // Linux keeps (and reports) twice the size set, for its own bookkeeping.
        int granted = System.getProperty("os.name", "").startsWith("Linux") ? reported / 2 : reported;
        int asked = config.udpReceiveBuffer();
        if (granted <= 0 || granted >= asked) {
            return;
        }
        String line = "UDP receive buffer is {} bytes, asked {}: the kernel caps it at net.core.rmem_max; raise it"
                + " (sysctl -w net.core.rmem_max={}) so bursts are not dropped";
        if (asked == SyslogListenerConfig.DEFAULT_UDP_RECEIVE_BUFFER) {
            LOG.info(line, granted, asked, asked);
        } else {
            LOG.warn(line, granted, asked, asked);
        }
    }

    private InetSocketAddress bindStream(Transport transport, int port, SslContext ssl, String option) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group, streamGroup)
                .channel(NettyTransports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new StreamChannelInitializer(transport, config, ingest, connectionMeters, ssl));
        return bind(transport.name(), port, () -> b.bind(config.bindHost(), port), option);
    }

    private InetSocketAddress bind(String what, int port, Supplier<ChannelFuture> bind, String option) {
        ChannelFuture future = bind.get().awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            throw new ListenerStartException("cannot listen for syslog on " + what + " " + config.bindHost() + ":"
                    + port + " (" + cause.getMessage() + "); is another collector running? choose another port with"
                    + " " + option, cause);
        }
        channels.add(future.channel());
        return (InetSocketAddress) future.channel().localAddress();
    }

    /** The bound UDP address, or null when UDP is off. */
    public InetSocketAddress udpAddress() {
        return udpAddress;
    }

    /** How many UDP sockets read the UDP port (1 without native epoll). */
    public int udpReaders() {
        return udpReaders;
    }

    /** The bound TCP address, or null when TCP is off. */
    public InetSocketAddress tcpAddress() {
        return tcpAddress;
    }

    /** The bound TLS address, or null when TLS is off. */
    public InetSocketAddress tlsAddress() {
        return tlsAddress;
    }

    /** Closes the sockets, then lets in-flight messages finish: the UDP backlogs are read to the end. */
    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        channels.clear();
        for (DatagramBacklog backlog : backlogs) {
            backlog.close();
        }
        backlogs.clear();
        // Both groups stop together: a stop waits for the slower, not for the two in turn.
        List<Future<?>> stopped = new ArrayList<>();
        for (EventLoopGroup loops : new EventLoopGroup[] {group, streamGroup}) {
            if (loops != null) {
                stopped.add(loops.shutdownGracefully(0, 2, TimeUnit.SECONDS));
            }
        }
        stopped.forEach(Future::awaitUninterruptibly);
        group = null;
        streamGroup = null;
    }
}
