package io.tunnelwatch.launcher.allinone;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes the ports this process will listen on before anything slow starts (the embedded broker takes seconds),
 * and collects every one that cannot be used, each with the option that changes it, so one try tells them all.
 * Two listeners given the same port are caught too. Advisory: another process may still take a port in between.
 */
final class PortCheck {

    private record Listener(String protocol, String host, int port, String option) {

        boolean clashesWith(Listener other) {
            return protocol.equals(other.protocol) && port == other.port
                    && (host.equals(other.host) || wildcard(host) || wildcard(other.host));
        }

        private static boolean wildcard(String host) {
            return "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
        }
    }

    private final List<Listener> planned = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** A TCP listener on {@code host:port}; 0 (any free port) and negative (off) are not checked. */
    PortCheck tcp(String host, int port, String option) {
        return check(new Listener("TCP", host, port, option));
    }

    /** A UDP listener on {@code host:port}; 0 (any free port) and negative (off) are not checked. */
    PortCheck udp(String host, int port, String option) {
        return check(new Listener("UDP", host, port, option));
    }

    /** What cannot be used, in the order checked; empty when every port is free. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private PortCheck check(Listener l) {
        if (l.port() <= 0) {
            return this;
        }
        for (Listener earlier : planned) {
            if (l.clashesWith(earlier)) {
                problems.add(l.protocol() + " port " + l.port() + " is given to both " + earlier.option() + " and "
                        + l.option() + "; choose another with one of them");
                return this;
            }
        }
        planned.add(l);
        try {
            bind(l);
        } catch (IOException e) {
            problems.add(l.protocol() + " port " + l.host() + ":" + l.port() + " " + why(e) + "; choose another with "
                    + l.option());
        }
        return this;
    }

    private static void bind(Listener l) throws IOException {
        InetSocketAddress address = new InetSocketAddress(l.host(), l.port());
        if ("UDP".equals(l.protocol())) {
            try (DatagramSocket s = new DatagramSocket(address)) {
                s.getLocalPort();
            }
        } else {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(address);
            }
        }
    }

    private static String why(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("already in use")) {
            return "is already in use";
        }
        if (m.contains("Permission denied")) {
            return "needs privileges (ports below 1024 do)";
        }
        return "cannot be opened (" + m + ")";
    }
}
