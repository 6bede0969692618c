package io.tunnelwatch.simulator.wire;

import io.tunnelwatch.simulator.router.SimulatedRouter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** Puts a router's syslog lines on the wire to one collector, from the router's own address. */
public interface SyslogTransmitter extends AutoCloseable {

    /**
     * Opens what {@code routers} will send over before the first line, where the transport has connections; a
     * router it cannot connect is tried again (and counted) by its first {@link #send}.
     */
    default void open(List<SimulatedRouter> routers) {
    }

    /** Sends one line; false when the socket refused it (counted by the caller, never thrown). */
    boolean send(SimulatedRouter router, String line);

    /** Pushes out anything buffered. */
    default void flush() {
    }

    @Override
    void close();

    static SyslogTransmitter open(String transport, InetSocketAddress collector) throws IOException {
        return switch (transport) {
            case "udp" -> new UdpTransmitter(collector);
            case "tcp" -> new TcpTransmitter(collector);
            default -> throw new IllegalArgumentException("transport must be udp or tcp, was " + transport);
        };
    }
}
