package io.tunnelwatch.simulator.router;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * A fleet of simulated routers whose tunnels come in pairs: router i has tunnels to routers i±1, i±2, … (and, for an
 * odd number of peers, to the router opposite it on the ring), so every router has exactly {@code peersPerRouter}
 * peers and both ends of every tunnel are simulated. Each router sends from its own loopback address
 * (127.0.1.1, 127.0.1.2, … — Linux answers the whole 127.0.0.0/8 on {@code lo}) and uses one of the IOS header
 * styles, so the fleet mixes them.
 */
public final class Fleet {

    /** Where the scenario fleet's routers send from: 127.0.1.1, 127.0.1.2, … */
    public static final String DEFAULT_NETWORK = "127.0.1";

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern NETWORK = Pattern.compile(OCTET + "(\\." + OCTET + "){2}");

    private final List<SimulatedRouter> routers;

    private Fleet(List<SimulatedRouter> routers) {
        this.routers = List.copyOf(routers);
    }

    /**
     * @param routerCount    routers, 1..250
     * @param peersPerRouter tunnels per router, less than routerCount
     * @param seed           picks header styles and uptimes, so a fleet is the same run after run
     */
    public static Fleet create(int routerCount, int peersPerRouter, Clock clock, long seed) {
        return create(routerCount, peersPerRouter, clock, seed, DEFAULT_NETWORK);
    }

    /**
     * A fleet that sends from {@code network}.1, .2, … instead of 127.0.1.x, named {@code load-A-B-C-NN} (e.g.
     * {@code load-127-0-2-01}), so a load fleet can run beside a scenario's without sharing its devices: a router is
     * named by its address or its {@code logging origin-id} hostname, and the scenario's routers are rtr-01….
     *
     * @param network three octets of a local /24, {@code 127.0.1} for the scenario fleet
     */
    public static Fleet create(int routerCount, int peersPerRouter, Clock clock, long seed, String network) {
        if (!NETWORK.matcher(network).matches()) {
            throw new IllegalArgumentException("the network must be three octets like 127.0.2, was '" + network + "'");
        }
        if (routerCount < 1 || routerCount > 250) {
            throw new IllegalArgumentException("routers must be 1..250, was " + routerCount);
        }
        if (peersPerRouter < 0 || peersPerRouter >= Math.max(routerCount, 2)) {
            throw new IllegalArgumentException("peers per router must be 0.." + (routerCount - 1) + ", was "
                    + peersPerRouter);
        }
        if (peersPerRouter % 2 == 1 && routerCount % 2 == 1) {
            throw new IllegalArgumentException("an odd number of peers per router needs an even number of routers"
                    + " (tunnels come in pairs): " + routerCount + " routers, " + peersPerRouter + " peers");
        }
        Random random = new Random(seed);
        HeaderStyle[] styles = HeaderStyle.values();
        List<SimulatedRouter> routers = new ArrayList<>(routerCount);
        for (int i = 0; i < routerCount; i++) {
            List<String> peers = new ArrayList<>(peersPerRouter);
            for (int k = 1; k <= peersPerRouter / 2; k++) {
                peers.add(address(network, (i + k) % routerCount));
                peers.add(address(network, (i - k + routerCount) % routerCount));
            }
            if (peersPerRouter % 2 == 1) {
                peers.add(address(network, (i + routerCount / 2) % routerCount));
            }
            Duration uptime = Duration.ofSeconds(3600L + random.nextInt(400 * 86_400));
            String name = network.equals(DEFAULT_NETWORK) ? String.format("rtr-%02d", i + 1)
                    : String.format("load-%s-%02d", network.replace('.', '-'), i + 1);
            routers.add(new SimulatedRouter(name, address(network, i), peers,
                    styles[i % styles.length], clock, uptime));
        }
        return new Fleet(routers);
    }

    /** The sending address of router {@code index} (0-based). */
    public static String address(int index) {
        return address(DEFAULT_NETWORK, index);
    }

    private static String address(String network, int index) {
        return network + "." + (index + 1);
    }

    public List<SimulatedRouter> routers() {
        return routers;
    }

    public int tunnelEnds() {
        return routers.stream().mapToInt(r -> r.peers().size()).sum();
    }
}
