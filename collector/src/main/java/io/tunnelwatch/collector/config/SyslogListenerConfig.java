package io.tunnelwatch.collector.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the syslog listeners run.
 *
 * @param bindHost          address to listen on (0.0.0.0: every interface, so routers can reach it)
 * @param udpPort           UDP port; 0 picks a free one (tests); negative disables UDP
 * @param tcpPort           TCP port (RFC 6587 framing); 0 picks a free one; negative disables TCP
 * @param maxFrameLength    longest TCP/TLS frame accepted; longer ones are discarded and counted
 * @param udpReceiveBuffer  SO_RCVBUF of each UDP socket, bytes: absorbs bursts while the loop is busy
 * @param ioThreads         Netty event-loop threads
 * @param tlsPort           TLS port (RFC 5425); 0 picks a free one; negative disables TLS; only used with {@code tls}
 * @param tls               certificate, key and client authentication; null: no TLS listener
 * @param udpReaders        UDP sockets bound to the port with SO_REUSEPORT (epoll only, NIO uses one); 0: one per
 *                          io thread
 * @param idleTimeout       a TCP/TLS connection that sends nothing for this long is closed; zero: never
 * @param maxConnections    TCP and TLS connections open at once; the ones over it are closed at once
 */
public record SyslogListenerConfig(
        String bindHost,
        int udpPort,
        int tcpPort,
        int maxFrameLength,
        int udpReceiveBuffer,
        int ioThreads,
        int tlsPort,
        SyslogTlsConfig tls,
        int udpReaders,
        Duration idleTimeout,
        int maxConnections) {

    public static final int DEFAULT_PORT = 5514;
    public static final int DEFAULT_TLS_PORT = 6514;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** 8 MiB: a few seconds of a burst while the collector is busy; more than a stock Linux kernel grants. */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER = 8 * 1024 * 1024;

    public SyslogListenerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxFrameLength < 480) {
            throw new IllegalArgumentException("maxFrameLength must be at least 480 (RFC 5426), was "
                    + maxFrameLength);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
        if (udpReaders < 0) {
            throw new IllegalArgumentException("udpReaders must be 0 (one per io thread) or more, was "
                    + udpReaders);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be zero (never) or positive, was " + idleTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
    }

    public static SyslogListenerConfig defaults() {
        return new SyslogListenerConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_PORT, 64 * 1024, DEFAULT_UDP_RECEIVE_BUFFER, 2,
                DEFAULT_TLS_PORT, null, 0, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    public SyslogListenerConfig withPorts(String host, int udp, int tcp) {
        return new SyslogListenerConfig(host, udp, tcp, maxFrameLength, udpReceiveBuffer, ioThreads, tlsPort, tls,
                udpReaders, idleTimeout, maxConnections);
    }

    public SyslogListenerConfig withTls(int port, SyslogTlsConfig tlsConfig) {
        return new SyslogListenerConfig(bindHost, udpPort, tcpPort, maxFrameLength, udpReceiveBuffer, ioThreads, port,
                tlsConfig, udpReaders, idleTimeout, maxConnections);
    }

    public SyslogListenerConfig withConnectionLimits(Duration idle, int maxOpen) {
        return new SyslogListenerConfig(bindHost, udpPort, tcpPort, maxFrameLength, udpReceiveBuffer, ioThreads,
                tlsPort, tls, udpReaders, idle, maxOpen);
    }

    /** Whether a TLS listener runs: a certificate is configured and the port is not disabled. */
    public boolean tlsEnabled() {
        return tls != null && tlsPort >= 0;
    }

    /** The UDP sockets to bind, given whether SO_REUSEPORT is available (native epoll). */
    public int effectiveUdpReaders(boolean reusePort) {
        if (!reusePort) {
            return 1;
        }
        return udpReaders == 0 ? ioThreads : udpReaders;
    }
}
