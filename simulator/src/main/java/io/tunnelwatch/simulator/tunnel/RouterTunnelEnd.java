package io.tunnelwatch.simulator.tunnel;

import java.time.Instant;
import java.util.Objects;

/**
 * One router's end of a {@link SimulatedTunnel}: the SVTI {@code Tunnel<id>} (ifIndex, ifOperStatus, TUNNEL-MIB remote
 * endpoint), the IKE SA (a cikeTunnelTable row while phase 1 is up) and the IPsec SA (a cipSecTunnelTable row while
 * phase 2 is up). Mutated only under the simulation's lock.
 */
public final class RouterTunnelEnd {

    private final RouterModel router;
    private final String peer;
    private final int tunnelId;
    private final int ifIndex;
    private Integer ikeIndex;
    private Instant ikeSince;
    private SecurityAssociation sa;
    private boolean interfaceUp = true;
    private final Impairments impairments = new Impairments();

    RouterTunnelEnd(RouterModel router, String peer, int tunnelId, int ifIndex) {
        this.router = Objects.requireNonNull(router, "router");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.tunnelId = tunnelId;
        this.ifIndex = ifIndex;
    }

    public RouterModel router() {
        return router;
    }

    /** The remote IKE peer address. */
    public String peer() {
        return peer;
    }

    /** N of {@code TunnelN}. */
    public int tunnelId() {
        return tunnelId;
    }

    public String interfaceName() {
        return "Tunnel" + tunnelId;
    }

    public int ifIndex() {
        return ifIndex;
    }

    /** cikeTunIndex while phase 1 is up, else null. */
    public Integer ikeIndex() {
        return ikeIndex;
    }

    public Instant ikeSince() {
        return ikeSince;
    }

    /** The live IPsec SA, or null. */
    public SecurityAssociation sa() {
        return sa;
    }

    /** What active faults do to this end's traffic. */
    public Impairments impairments() {
        return impairments;
    }

    public boolean interfaceUp() {
        return interfaceUp;
    }

    void ikeUp(int index, Instant at) {
        ikeIndex = index;
        ikeSince = at;
    }

    void ikeDown() {
        ikeIndex = null;
        ikeSince = null;
        sa = null;
    }

    void sa(SecurityAssociation sa) {
        this.sa = sa;
    }

    void interfaceUp(boolean up) {
        interfaceUp = up;
    }
}
