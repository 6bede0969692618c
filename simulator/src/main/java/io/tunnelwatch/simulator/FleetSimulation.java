package io.tunnelwatch.simulator;

import io.tunnelwatch.simulator.agent.OidMap;
import io.tunnelwatch.simulator.agent.RouterMib;
import io.tunnelwatch.simulator.agent.SnmpAgents;
import io.tunnelwatch.simulator.fault.ActiveFault;
import io.tunnelwatch.simulator.fault.Fault;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import io.tunnelwatch.simulator.tunnel.Notification;
import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import io.tunnelwatch.simulator.tunnel.TrafficProfile;
import io.tunnelwatch.simulator.tunnel.WireOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SNMP-visible life of a simulated fleet: every pair of peers is one {@link SimulatedTunnel}; {@link #tick} carries
 * traffic for the simulated time since the last tick, rekeys SAs at the end of their lifetime, and lets active
 * faults send their symptoms. Agents read router views through {@link #view}. All state changes and views happen
 * under this object's lock, so an agent never sees half a tick. A silent router's output is swallowed here.
 */
public final class FleetSimulation {

    private final SimulationClock clock;
    private final TrafficProfile traffic;
    private final Duration ipsecLifetime;
    private final WireOutput out;
    private final Map<String, RouterModel> routers = new LinkedHashMap<>();
    private final List<SimulatedTunnel> tunnels = new ArrayList<>();
    private final Map<SimulatedTunnel, Double> sinceRekey = new HashMap<>();
    private final List<ActiveFault> faults = new ArrayList<>();
    private Instant lastTick;

    public FleetSimulation(Fleet fleet, SimulationClock clock, TrafficProfile traffic, Duration ipsecLifetime,
                           WireOutput out) {
        this.clock = clock;
        this.traffic = traffic;
        this.ipsecLifetime = ipsecLifetime;
        this.out = new SilenceAware(out);
        Instant now = clock.wallNow();
        for (SimulatedRouter r : fleet.routers()) {
            routers.put(r.address(), new RouterModel(r, now.minusSeconds(3600)));
        }
        for (RouterModel r : routers.values()) {
            for (String peer : r.router().peers()) {
                RouterModel other = routers.get(peer);
                if (other != null && r.endTo(peer) == null) {
                    tunnels.add(SimulatedTunnel.between(r, other));
                }
            }
        }
    }

    /**
     * Brings every tunnel up, except those a fault already holds down, and preloads their counters to within
     * {@code wrapHeadroom} of 2^32 (0: start from 0).
     */
    public synchronized void start(long wrapHeadroom) {
        Instant now = clock.wallNow();
        for (SimulatedTunnel tunnel : tunnels) {
            if (faults.stream().noneMatch(f -> f.tunnel() == tunnel && f.fault().holdsDown())) {
                tunnel.establish(now, out);
                if (wrapHeadroom > 0) {
                    tunnel.preload(wrapHeadroom);
                }
            }
            sinceRekey.put(tunnel, 0.0);
        }
        lastTick = now;
    }

    /** Advances the simulation to the wall clock's now. */
    public synchronized void tick() {
        Instant now = clock.wallNow();
        double seconds = lastTick == null ? 0
                : Duration.between(lastTick, now).toNanos() / 1e9 * clock.compression();
        lastTick = now;
        if (seconds <= 0) {
            return;
        }
        double pps = traffic.packetsPerSecond(clock.simAt(now));
        for (SimulatedTunnel tunnel : tunnels) {
            tunnel.carry(seconds, pps);
            double age = sinceRekey.merge(tunnel, seconds, Double::sum);
            if (age >= ipsecLifetime.toSeconds() && tunnel.ipsecUp()) {
                tunnel.rekey(now, out);
                sinceRekey.put(tunnel, 0.0);
            }
        }
        for (ActiveFault f : faults) {
            f.tick(seconds, now, out);
        }
    }

    /** Injects {@code fault} on {@code router}'s tunnel to {@code peer} (router names or addresses). */
    public synchronized ActiveFault inject(Fault fault, String router, String peer) {
        SimulatedTunnel tunnel = tunnel(router, peer);
        RouterTunnelEnd local = end(tunnel, router);
        ActiveFault active = new ActiveFault(fault, tunnel, local);
        faults.add(active);
        active.apply(clock.wallNow(), out);
        return active;
    }

    /** Repairs a fault injected earlier (the same fault, router and peer); false when none is active. */
    public synchronized boolean repair(Fault fault, String router, String peer) {
        SimulatedTunnel tunnel = tunnel(router, peer);
        RouterTunnelEnd local = end(tunnel, router);
        for (ActiveFault f : faults) {
            if (f.fault() == fault && f.tunnel() == tunnel && f.local() == local) {
                faults.remove(f);
                f.repair(clock.wallNow(), out);
                return true;
            }
        }
        return false;
    }

    /** The router's agent view now, or null while it is silent. */
    public synchronized OidMap view(RouterModel router, boolean hcOctets) {
        return router.silent() ? null : RouterMib.of(router, clock.wallNow(), hcOctets);
    }

    /**
     * Opens one SNMP agent per router on its own address and the shared {@code port}, answering {@code community}.
     *
     * @param hcOctets whether the agents serve the Counter64 HC octet columns (images without them make the
     *                 collector fall back to the wrapping Counter32 ones)
     */
    public SnmpAgents openAgents(int port, String community, boolean hcOctets) {
        SnmpAgents agents = new SnmpAgents();
        try {
            for (RouterModel r : routers.values()) {
                agents.open(java.net.InetAddress.getByName(r.address()), port, community, () -> view(r, hcOctets));
            }
        } catch (java.io.IOException | RuntimeException e) {
            agents.close();
            throw new IllegalStateException("cannot open the simulated agents on port " + port + ": " + e.getMessage(),
                    e);
        }
        return agents;
    }

    /** Runs {@code action} under the simulation's lock (tests read counters consistently with it). */
    public synchronized <T> T read(java.util.function.Supplier<T> action) {
        return action.get();
    }

    public List<RouterModel> routers() {
        return List.copyOf(routers.values());
    }

    public RouterModel router(String nameOrAddress) {
        RouterModel byAddress = routers.get(nameOrAddress);
        if (byAddress != null) {
            return byAddress;
        }
        return routers.values().stream().filter(r -> r.name().equals(nameOrAddress)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated router " + nameOrAddress));
    }

    public List<SimulatedTunnel> tunnels() {
        return List.copyOf(tunnels);
    }

    public SimulatedTunnel tunnel(String router, String peer) {
        RouterModel a = router(router);
        RouterModel b = router(peer);
        return tunnels.stream().filter(p -> p.a().router() == a && p.b().router() == b
                        || p.a().router() == b && p.b().router() == a).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tunnel between " + router + " and " + peer));
    }

    public SimulationClock clock() {
        return clock;
    }

    private RouterTunnelEnd end(SimulatedTunnel tunnel, String router) {
        RouterModel r = router(router);
        return tunnel.a().router() == r ? tunnel.a() : tunnel.b();
    }

    /**
     * Drops what silent routers would have sent, and the debug output of routers at {@code logging trap
     * informational}.
     */
    private record SilenceAware(WireOutput delegate) implements WireOutput {
        @Override
        public void syslog(RouterModel router, String message) {
            if (!router.silent() && (router.logsDebug() || !SimulatedRouter.isDebugOutput(message))) {
                delegate.syslog(router, message);
            }
        }

        @Override
        public void notify(RouterModel router, Notification notification) {
            if (!router.silent()) {
                delegate.notify(router, notification);
            }
        }
    }
}
