package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.config.SyslogTlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The syslog listeners. */
public final class SyslogOptions {

    @Option(names = "--syslog-host", defaultValue = "0.0.0.0",
            description = "Address the syslog listeners bind (default: ${DEFAULT-VALUE}, every interface).")
    public String host;

    @Option(names = "--syslog-port", defaultValue = "5514",
            description = "Syslog port, UDP and TCP (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--syslog-udp-port", description = "UDP port when it differs from --syslog-port; -1 = off.")
    public Integer udpPort;

    @Option(names = "--syslog-tcp-port", description = "TCP port when it differs from --syslog-port; -1 = off.")
    public Integer tcpPort;

    @Option(names = "--syslog-max-frame", paramLabel = "BYTES", defaultValue = "65536",
            description = "Longest TCP syslog frame; longer ones are discarded and counted (default: ${DEFAULT-VALUE}).")
    public int maxFrame;

    @Option(names = "--syslog-udp-readers", paramLabel = "N", defaultValue = "0",
            description = "UDP sockets sharing the UDP port (SO_REUSEPORT, native epoll only; NIO uses one);"
                    + " 0 = one per io thread (default: ${DEFAULT-VALUE}).")
    public int udpReaders;

    @Option(names = "--syslog-udp-buffer", paramLabel = "BYTES",
            defaultValue = "" + SyslogListenerConfig.DEFAULT_UDP_RECEIVE_BUFFER,
            description = "SO_RCVBUF of each UDP socket: absorbs bursts while the collector is busy; the kernel"
                    + " caps it at net.core.rmem_max (default: ${DEFAULT-VALUE}).")
    public int udpBuffer;

    @Option(names = "--syslog-idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Close a TCP/TLS syslog connection that sends nothing for this long; 0 = never"
                    + " (default: ${DEFAULT-VALUE}).")
    public long idleTimeoutSeconds;

    @Option(names = "--syslog-max-connections", paramLabel = "N", defaultValue = "10000",
            description = "TCP and TLS syslog connections open at once; more are closed at once"
                    + " (default: ${DEFAULT-VALUE}).")
    public int maxConnections;

    @Option(names = "--syslog-tls-port", defaultValue = "6514",
            description = "Syslog over TLS (RFC 5425) port, used when --syslog-tls-cert is given; -1 = off"
                    + " (default: ${DEFAULT-VALUE}).")
    public int tlsPort;

    @Option(names = "--syslog-tls-cert", paramLabel = "PEM",
            description = "Server certificate chain (PEM) of the TLS listener; TLS is off without it.")
    public Path tlsCert;

    @Option(names = "--syslog-tls-key", paramLabel = "PEM",
            description = "Private key (unencrypted PKCS#8 PEM) of --syslog-tls-cert.")
    public Path tlsKey;

    @Option(names = "--syslog-tls-ca", paramLabel = "PEM",
            description = "CA certificates (PEM) client certificates are checked against.")
    public Path tlsCa;

    @Option(names = "--syslog-tls-client-auth", paramLabel = "none|optional|required", defaultValue = "none",
            description = "Client certificates: not asked for, optional, or required; optional and required need"
                    + " --syslog-tls-ca (default: ${DEFAULT-VALUE}).")
    public String tlsClientAuth;

    public int udp() {
        return udpPort != null ? udpPort : port;
    }

    public int tcp() {
        return tcpPort != null ? tcpPort : port;
    }

    /**
     * The listener settings these options describe.
     *
     * @throws IllegalArgumentException with a one-line reason naming the option or file at fault
     */
    public SyslogListenerConfig toConfig() {
        if (idleTimeoutSeconds < 0) {
            throw new IllegalArgumentException("--syslog-idle-timeout must be 0 (never) or more seconds, was "
                    + idleTimeoutSeconds);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--syslog-max-connections must be at least 1, was " + maxConnections);
        }
        if (udpReaders < 0) {
            throw new IllegalArgumentException("--syslog-udp-readers must be 0 (one per io thread) or more, was "
                    + udpReaders);
        }
        if (udpBuffer < 65_536) {
            throw new IllegalArgumentException("--syslog-udp-buffer must be at least 65536 bytes, was " + udpBuffer);
        }
        SyslogListenerConfig d = SyslogListenerConfig.defaults();
        return new SyslogListenerConfig(host, udp(), tcp(), maxFrame, udpBuffer, d.ioThreads(), tlsPort,
                tls(), udpReaders, Duration.ofSeconds(idleTimeoutSeconds), maxConnections);
    }

    private SyslogTlsConfig tls() {
        if (tlsCert == null && tlsKey == null) {
            if (tlsCa != null || !"none".equalsIgnoreCase(tlsClientAuth)) {
                throw new IllegalArgumentException("--syslog-tls-ca and --syslog-tls-client-auth need"
                        + " --syslog-tls-cert and --syslog-tls-key");
            }
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException("--syslog-tls-cert and --syslog-tls-key go together; "
                    + (tlsCert == null ? "--syslog-tls-cert" : "--syslog-tls-key") + " is missing");
        }
        return new SyslogTlsConfig(tlsCert, tlsKey, tlsCa, SyslogTlsConfig.ClientAuth.parse(tlsClientAuth));
    }
}
