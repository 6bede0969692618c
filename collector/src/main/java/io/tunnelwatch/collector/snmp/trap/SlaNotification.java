package io.tunnelwatch.collector.snmp.trap;

import static io.tunnelwatch.mib.RttMonMib.*;

import io.tunnelwatch.mib.MibNotification;
import io.tunnelwatch.mib.SnmpV2Mib;

/**
 * The CISCO-RTTMON-MIB (IP SLA) notifications that tell whether a probe reaches its target
 * (docs/cisco-sources.md#ip-sla-cisco-rttmon-mib):
 * the underlay of a tunnel when the probe aims at the peer. Each says "failing" or "passing again" through a
 * TruthValue varbind (true(1), false(2)): rttMonCtrlOperConnectionLostOccurred, rttMonCtrlOperTimeoutOccurred, or
 * rttMonReactOccurred of a reaction that watches timeout(7) or connectionLoss(8). rttMonThresholdNotification and
 * reactions on RTT, jitter, loss or MOS are about quality, not reachability, and are not decoded.
 */
enum SlaNotification {
    CONNECTION_CHANGE(RTT_MON_CONNECTION_CHANGE, RTT_MON_CTRL_OPER_CONNECTION_LOST),
    TIMEOUT(RTT_MON_TIMEOUT, RTT_MON_CTRL_OPER_TIMEOUT),
    REACTION(RTT_MON_REACTION, RTT_MON_REACT_OCCURRED);

    /** TruthValue. */
    static final long TRUE = SnmpV2Mib.TRUTH_VALUE_TRUE;
    static final long FALSE = SnmpV2Mib.TRUTH_VALUE_FALSE;

    final String oid;
    final String mibName;
    /** The column of the TruthValue varbind that says whether the condition holds now. */
    final String occurredColumn;

    SlaNotification(MibNotification notification, String occurredColumn) {
        this.oid = notification.oid();
        this.mibName = notification.name();
        this.occurredColumn = occurredColumn;
    }

    static SlaNotification byOid(String oid) {
        for (SlaNotification n : values()) {
            if (n.oid.equals(oid)) {
                return n;
            }
        }
        return null;
    }

    /**
     * What the probe condition is: "timeout" or "connection_loss", or null when this notification is not about
     * reachability (a reaction on another variable).
     *
     * @param reactVar the rttMonReactVar varbind's value, -1 when absent
     */
    String condition(long reactVar) {
        return switch (this) {
            case CONNECTION_CHANGE -> "connection_loss";
            case TIMEOUT -> "timeout";
            case REACTION -> reactVar == REACT_VAR_TIMEOUT ? "timeout"
                    : reactVar == REACT_VAR_CONNECTION_LOSS ? "connection_loss" : null;
        };
    }
}
