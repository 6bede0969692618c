package io.tunnelwatch.collector.snmp.trap;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.mib.MibNotification;

/**
 * The 13 notifications of CISCO-IPSEC-FLOW-MONITOR-MIB (ciscoIpSecFlowMonitorMIB.2.0.N) and the event kind each
 * becomes. {@link #carriesPeer} says whether cikePeerRemoteAddr is among the varbinds; the others carry only a
 * cipSecTunIndex in their varbind OIDs (or nothing), and the peer comes from the poller's index map.
 */
enum IpsecNotification {
    CIKE_TUNNEL_START(IpsecFlowMonitorMib.CIKE_TUNNEL_START, EventKind.IKE_SA_UP, true, 5),
    CIKE_TUNNEL_STOP(IpsecFlowMonitorMib.CIKE_TUNNEL_STOP, EventKind.IKE_SA_DOWN, true, 5),
    CIKE_SYS_FAILURE(IpsecFlowMonitorMib.CIKE_SYS_FAILURE, EventKind.IKE_FAILURE, true, 3),
    CIKE_CERT_CRL_FAILURE(IpsecFlowMonitorMib.CIKE_CERT_CRL_FAILURE, EventKind.IKE_FAILURE, true, 3),
    CIKE_PROTOCOL_FAILURE(IpsecFlowMonitorMib.CIKE_PROTOCOL_FAILURE, EventKind.IKE_FAILURE, true, 3),
    CIKE_NO_SA(IpsecFlowMonitorMib.CIKE_NO_SA, EventKind.IKE_FAILURE, true, 3),
    CIPSEC_TUNNEL_START(IpsecFlowMonitorMib.CIPSEC_TUNNEL_START, EventKind.IPSEC_SA_UP, false, 5),
    CIPSEC_TUNNEL_STOP(IpsecFlowMonitorMib.CIPSEC_TUNNEL_STOP, EventKind.IPSEC_SA_DOWN, false, 5),
    CIPSEC_SYS_FAILURE(IpsecFlowMonitorMib.CIPSEC_SYS_FAILURE, EventKind.IPSEC_FAILURE, true, 3),
    CIPSEC_SETUP_FAILURE(IpsecFlowMonitorMib.CIPSEC_SETUP_FAILURE, EventKind.IPSEC_SETUP_FAILED, true, 3),
    CIPSEC_EARLY_TUN_TERM(IpsecFlowMonitorMib.CIPSEC_EARLY_TUN_TERM, EventKind.IPSEC_SA_DOWN, false, 4),
    CIPSEC_PROTOCOL_FAILURE(IpsecFlowMonitorMib.CIPSEC_PROTOCOL_FAILURE, EventKind.IPSEC_FAILURE, false, 3),
    CIPSEC_NO_SA(IpsecFlowMonitorMib.CIPSEC_NO_SA, EventKind.IPSEC_FAILURE, false, 3);

    final String oid;
    final String mibName;
    final EventKind kind;
    final boolean carriesPeer;
    final int severity;

    IpsecNotification(MibNotification notification, EventKind kind, boolean carriesPeer, int severity) {
        this.oid = notification.oid();
        this.mibName = notification.name();
        this.kind = kind;
        this.carriesPeer = carriesPeer;
        this.severity = severity;
    }

    static IpsecNotification byOid(String oid) {
        for (IpsecNotification n : values()) {
            if (n.oid.equals(oid)) {
                return n;
            }
        }
        return null;
    }
}
