package io.tunnelwatch.simulator.tunnel;

import io.tunnelwatch.simulator.router.SimulatedRouter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SNMP-visible state of one simulated router: its tunnel ends and the index allocators IOS uses for new
 * cikeTunnelTable and cipSecTunnelTable rows (a rekey gets the next index, indices are not reused). A silent router
 * neither answers polls nor sends anything.
 */
public final class RouterModel {

    /** ifIndex of Tunnel0; physical interfaces take the lower ones. */
    static final int FIRST_TUNNEL_IF_INDEX = 10;

    private final SimulatedRouter router;
    private final Instant bootedAt;
    private final List<RouterTunnelEnd> ends = new ArrayList<>();
    private int nextIkeIndex = 1;
    private int nextSaIndex = 1;
    private long nextSpi;
    private boolean silent;
    /** {@code logging trap debugging} with {@code debug crypto isakmp/ipsec} on; else {@code logging trap informational}. */
    private boolean logsDebug = true;
    private final FailureHistory failures = new FailureHistory();

    public RouterModel(SimulatedRouter router, Instant bootedAt) {
        this.router = Objects.requireNonNull(router, "router");
        this.bootedAt = bootedAt;
        this.nextSpi = 0x1000_0000L + (long) router.address().hashCode() % 0x100_0000L * 16;
    }

    public SimulatedRouter router() {
        return router;
    }

    public String name() {
        return router.name();
    }

    public String address() {
        return router.address();
    }

    /** sysUpTime counts from here (wall clock). */
    public Instant bootedAt() {
        return bootedAt;
    }

    public List<RouterTunnelEnd> ends() {
        return List.copyOf(ends);
    }

    public RouterTunnelEnd endTo(String peer) {
        return ends.stream().filter(e -> e.peer().equals(peer)).findFirst().orElse(null);
    }

    /** Its failed negotiations, as its agent serves them (cikeFailTable, cipSecFailTable). */
    public FailureHistory failures() {
        return failures;
    }

    public boolean silent() {
        return silent;
    }

    /** Whether its {@code debug crypto} output reaches syslog (severity 7), or only informational and above. */
    public boolean logsDebug() {
        return logsDebug;
    }

    public void logsDebug(boolean logsDebug) {
        this.logsDebug = logsDebug;
    }

    public void silent(boolean silent) {
        this.silent = silent;
    }

    RouterTunnelEnd addEnd(String peer) {
        int id = ends.size();
        RouterTunnelEnd end = new RouterTunnelEnd(this, peer, id, FIRST_TUNNEL_IF_INDEX + id);
        ends.add(end);
        return end;
    }

    int allocateIkeIndex() {
        return nextIkeIndex++;
    }

    SecurityAssociation newSa(int ikeIndex, Instant at) {
        nextSpi = (nextSpi + 0x1_0F3BL) & 0xFFFF_FFFFL;
        return new SecurityAssociation(nextSaIndex++, ikeIndex, at, nextSpi);
    }
}
