package io.tunnelwatch.simulator.wire;

import io.tunnelwatch.simulator.router.SimulatedRouter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One datagram per line (RFC 5426), from a socket bound to the router's address. */
final class UdpTransmitter implements SyslogTransmitter {

    private final InetSocketAddress collector;
    private final Map<String, DatagramChannel> sockets = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_507);

    UdpTransmitter(InetSocketAddress collector) {
        this.collector = collector;
    }

    @Override
    public boolean send(SimulatedRouter router, String line) {
        try {
            DatagramChannel socket = sockets.get(router.address());
            if (socket == null) {
                socket = DatagramChannel.open(StandardProtocolFamily.INET);
                socket.bind(new InetSocketAddress(router.address(), 0));
                sockets.put(router.address(), socket);
            }
            buffer.clear();
            buffer.put(line.getBytes(StandardCharsets.UTF_8)).flip();
            return socket.send(buffer, collector) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (DatagramChannel s : sockets.values()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }
}
