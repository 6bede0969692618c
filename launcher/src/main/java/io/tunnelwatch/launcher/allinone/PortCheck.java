package io.tunnelwatch.launcher.allinone;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Probes the ports this process will listen on before anything slow starts (the embedded broker takes seconds),
 * so a port in use is reported at once, by name.
 */
final class PortCheck {

    private PortCheck() {
    }

    static void tcp(String host, int port, String option) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartupException("TCP port " + host + ":" + port + " is already in use (" + e.getMessage()
                    + "); choose another with " + option);
        }
    }

    static void udp(String host, int port, String option) {
        if (port <= 0) {
            return;
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, port))) {
            s.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("UDP port " + host + ":" + port + " is already in use (" + e.getMessage()
                    + "); choose another with " + option);
        }
    }
}
