package io.tunnelwatch.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that a TCP port can be bound before a component that would otherwise fail deep inside with a stack trace.
 * The check is advisory (another process may still take the port in between); its value is the clear message.
 */
public final class PortProbe {

    private PortProbe() {
    }

    /** @throws BrokerStartException naming the port and what wanted it, when it cannot be bound */
    public static void requireFree(String host, int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new BrokerStartException("port " + host + ":" + port + " for the " + purpose
                    + " is not available (" + e.getMessage() + "); choose another with the matching --*-port option");
        }
    }

    /** A port the OS considers free right now, for tests and ephemeral set-ups. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
