package io.tunnelwatch.collector.snmp.trap;

import static io.tunnelwatch.collector.snmp.poll.SnmpOids.*;

/**
 * The CISCO-RTTMON-MIB (IP SLA) notifications that tell whether a probe reaches its target
 * (docs/cisco-sources.md#ip-sla-cisco-rttmon-mib):
 * the underlay of a tunnel when the probe aims at the peer. Each says "failing" or "passing again" through a
 * TruthValue varbind (true(1), false(2)): rttMonCtrlOperConnectionLostOccurred, rttMonCtrlOperTimeoutOccurred, or
 * rttMonReactOccurred of a reaction that watches timeout(7) or connectionLoss(8). rttMonThresholdNotification and
 * reactions on RTT, jitter, loss or MOS are about quality, not reachability, and are not decoded.
 */
enum SlaNotification {
    CONNECTION_CHANGE(1, "rttMonConnectionChangeNotification", RTT_MON_CTRL_OPER_CONNECTION_LOST),
    TIMEOUT(2, "rttMonTimeoutNotification", RTT_MON_CTRL_OPER_TIMEOUT),
    REACTION(5, "rttMonNotification", RTT_MON_REACT_OCCURRED);

    /** TruthValue. */
    static final long TRUE = 1;
    static final long FALSE = 2;
    /** RttMonReactVar values about reachability (CISCO-RTTMON-TC-MIB). */
    static final long REACT_TIMEOUT = 7;
    static final long REACT_CONNECTION_LOSS = 8;

    final String oid;
    final String mibName;
    /** The column of the TruthValue varbind that says whether the condition holds now. */
    final String occurredColumn;

    SlaNotification(int number, String mibName, String occurredColumn) {
        this.oid = RTT_MON_NOTIFICATION_PREFIX + number;
        this.mibName = mibName;
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
            case REACTION -> reactVar == REACT_TIMEOUT ? "timeout"
                    : reactVar == REACT_CONNECTION_LOSS ? "connection_loss" : null;
        };
    }
}
