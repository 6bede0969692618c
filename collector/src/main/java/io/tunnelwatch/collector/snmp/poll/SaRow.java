package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.CounterSample.Counters;
import java.util.Objects;

/**
 * One row of cipSecTunnelTable (CISCO-IPSEC-FLOW-MONITOR-MIB cipSecTunnelEntry) as read by one walk: one
 * IPsec SA pair towards one peer. Free of SNMP types so the delta logic is tested without an agent.
 *
 * @param tunIndex      cipSecTunIndex (.1); reused or renumbered after a rekey, so not an identity on its own
 * @param ikeTunIndex   cipSecTunIkeTunnelIndex (.2); a change at the same cipSecTunIndex means the row was replaced
 * @param peer          cipSecTunRemoteAddr (.5) in canonical text form
 * @param activeTime    cipSecTunActiveTime (.10) in hundredths of a second, or -1 when the agent did not return it;
 *                      it restarts at 0 for a new SA, which tells a replaced row from a continuing one
 * @param active        cipSecTunStatus (.51) is active(1)
 * @param hcOctets      the octet counters come from cipSecTunHcInOctets/HcOutOctets (.27/.40, Counter64) rather than
 *                      cipSecTunInOctets/OutOctets (.26/.39, Counter32)
 * @param counters      the raw column values: octets as above; packets (.32/.45), drops (.33/.46), replay drops
 *                      (.34), auth fails (.36), decrypt fails (.38), encrypt fails (.50), all Counter32
 */
public record SaRow(int tunIndex, int ikeTunIndex, String peer, long activeTime, boolean active, boolean hcOctets,
                    Counters counters) {

    public SaRow {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(counters, "counters");
    }

    /** True when the agent returned cipSecTunActiveTime for this row. */
    public boolean hasActiveTime() {
        return activeTime >= 0;
    }
}
