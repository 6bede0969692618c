package io.tunnelwatch.collector.config;

/**
 * Where and how the syslog listeners run.
 *
 * @param bindHost          address to listen on (0.0.0.0: every interface, so routers can reach it)
 * @param udpPort           UDP port; 0 picks a free one (tests); negative disables UDP
 * @param tcpPort           TCP port (newline framing); 0 picks a free one; negative disables TCP
 * @param maxFrameLength    longest TCP frame accepted; longer ones are discarded and counted
 * @param udpReceiveBuffer  SO_RCVBUF of the UDP socket, bytes: absorbs bursts while the loop is busy
 * @param ioThreads         Netty event-loop threads
 */
public record SyslogListenerConfig(
        String bindHost,
        int udpPort,
        int tcpPort,
        int maxFrameLength,
        int udpReceiveBuffer,
        int ioThreads) {

    public static final int DEFAULT_PORT = 5514;

    public SyslogListenerConfig {
        if (maxFrameLength < 480) {
            throw new IllegalArgumentException("maxFrameLength must be at least 480 (RFC 5426), was "
                    + maxFrameLength);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
    }

    public static SyslogListenerConfig defaults() {
        return new SyslogListenerConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_PORT, 64 * 1024, 8 * 1024 * 1024, 2);
    }

    public SyslogListenerConfig withPorts(String host, int udp, int tcp) {
        return new SyslogListenerConfig(host, udp, tcp, maxFrameLength, udpReceiveBuffer, ioThreads);
    }
}
