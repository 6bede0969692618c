package io.tunnelwatch.collector.snmp.poll;

import java.util.Objects;

/**
 * One row of cikeTunnelTable (CISCO-IPSEC-FLOW-MONITOR-MIB cikeTunnelEntry): one IKE (phase-1) SA.
 *
 * @param ikeTunIndex cikeTunIndex (.1)
 * @param peer        cikeTunRemoteAddr (.8) in canonical text form
 * @param active      cikeTunStatus (.35) is active(1)
 * @param local       cikeTunLocalAddr (.5) in canonical text form, or null when the agent did not give it
 */
public record IkeRow(int ikeTunIndex, String peer, boolean active, String local) {

    /** A row without its local address. */
    public IkeRow(int ikeTunIndex, String peer, boolean active) {
        this(ikeTunIndex, peer, active, null);
    }

    public IkeRow {
        Objects.requireNonNull(peer, "peer");
    }
}
