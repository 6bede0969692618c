package io.tunnelwatch.broker;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks that a TCP port can be bound before a component that would otherwise fail deep inside with a stack trace.
 * The check is advisory (another process may still take the port in between); its value is the clear message.
 */
public final class PortProbe {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

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

    /**
     * A UDP port free on every one of {@code hosts} right now, chosen below the usual ephemeral range (32768 and
     * up). A port the OS hands out as ephemeral may be handed out again at once to any socket bound to port 0 (a
     * simulated router's sender on its own address, say); one below that range is only taken on purpose.
     */
    public static int freeUdpPortBelowEphemeral(List<String> hosts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (hosts.stream().allMatch(host -> udpFree(host, port))) {
                return port;
            }
        }
        throw new IllegalStateException("no UDP port free on all of " + hosts);
    }

    private static boolean udpFree(String host, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port free right now for both TCP and UDP on every interface, for tests and throwaway set-ups; never the same
     * one twice in a JVM. Chosen below the ephemeral range for the reason {@link #freeUdpPortBelowEphemeral} gives: a
     * port the OS handed out as ephemeral can be taken again at once by any outgoing connection (a Kafka client's,
     * say) before the test binds it.
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (tcpFree(port) && udpFree("0.0.0.0", port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port below the ephemeral range");
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
