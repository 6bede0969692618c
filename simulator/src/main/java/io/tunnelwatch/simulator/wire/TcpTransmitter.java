package io.tunnelwatch.simulator.wire;

import io.tunnelwatch.simulator.router.SimulatedRouter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One TCP connection per router, from the router's address; one line per message, LF-terminated (RFC 6587 non-
 * transparent framing, what IOS sends). Writes are buffered and pushed out by {@link #flush()}.
 */
final class TcpTransmitter implements SyslogTransmitter {

    private final InetSocketAddress collector;
    private final Map<String, Connection> connections = new HashMap<>();

    TcpTransmitter(InetSocketAddress collector) {
        this.collector = collector;
    }

    @Override
    public void open(List<SimulatedRouter> routers) {
        for (SimulatedRouter router : routers) {
            try {
                connection(router.address());
            } catch (IOException e) {
                // left to send, which counts the failure and tries again
            }
        }
    }

    @Override
    public boolean send(SimulatedRouter router, String line) {
        try {
            Connection c = connection(router.address());
            c.out.write(line.getBytes(StandardCharsets.UTF_8));
            c.out.write('\n');
            return true;
        } catch (IOException e) {
            Connection broken = connections.remove(router.address());
            if (broken != null) {
                broken.close();
            }
            return false;
        }
    }

    /** The router's open connection, connected now if it has none. */
    private Connection connection(String address) throws IOException {
        Connection c = connections.get(address);
        if (c == null) {
            c = connect(address);
            connections.put(address, c);
        }
        return c;
    }

    private Connection connect(String address) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(collector, 5_000);
        socket.setTcpNoDelay(false);
        return new Connection(socket, new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    @Override
    public void flush() {
        connections.values().removeIf(c -> !c.flush());
    }

    @Override
    public void close() {
        flush();
        connections.values().forEach(Connection::close);
        connections.clear();
    }

    private record Connection(Socket socket, OutputStream out) {
        boolean flush() {
            try {
                out.flush();
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
