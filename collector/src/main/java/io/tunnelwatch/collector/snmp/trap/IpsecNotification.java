package io.tunnelwatch.collector.snmp.trap;

import io.tunnelwatch.collector.snmp.poll.SnmpOids;
import io.tunnelwatch.events.EventKind;

/**
 * The 13 notifications of CISCO-IPSEC-FLOW-MONITOR-MIB (ciscoIpSecFlowMonitorMIB.2.0.N) and the event kind each
 * becomes. {@link #carriesPeer} says whether cikePeerRemoteAddr is among the varbinds; the others carry only a
 * cipSecTunIndex in their varbind OIDs (or nothing), and the peer comes from the poller's index map.
 */
enum IpsecNotification {
    CIKE_TUNNEL_START(1, "cikeTunnelStart", EventKind.IKE_SA_UP, true, 5),
    CIKE_TUNNEL_STOP(2, "cikeTunnelStop", EventKind.IKE_SA_DOWN, true, 5),
    CIKE_SYS_FAILURE(3, "cikeSysFailure", EventKind.IKE_FAILURE, true, 3),
    CIKE_CERT_CRL_FAILURE(4, "cikeCertCrlFailure", EventKind.IKE_FAILURE, true, 3),
    CIKE_PROTOCOL_FAILURE(5, "cikeProtocolFailure", EventKind.IKE_FAILURE, true, 3),
    CIKE_NO_SA(6, "cikeNoSa", EventKind.IKE_FAILURE, true, 3),
    CIPSEC_TUNNEL_START(7, "cipSecTunnelStart", EventKind.IPSEC_SA_UP, false, 5),
    CIPSEC_TUNNEL_STOP(8, "cipSecTunnelStop", EventKind.IPSEC_SA_DOWN, false, 5),
    CIPSEC_SYS_FAILURE(9, "cipSecSysFailure", EventKind.IPSEC_FAILURE, true, 3),
    CIPSEC_SETUP_FAILURE(10, "cipSecSetUpFailure", EventKind.IPSEC_SETUP_FAILED, true, 3),
    CIPSEC_EARLY_TUN_TERM(11, "cipSecEarlyTunTerm", EventKind.IPSEC_SA_DOWN, false, 4),
    CIPSEC_PROTOCOL_FAILURE(12, "cipSecProtocolFailure", EventKind.IPSEC_FAILURE, false, 3),
    CIPSEC_NO_SA(13, "cipSecNoSa", EventKind.IPSEC_FAILURE, false, 3);

    final String oid;
    final String mibName;
    final EventKind kind;
    final boolean carriesPeer;
    final int severity;

    IpsecNotification(int number, String mibName, EventKind kind, boolean carriesPeer, int severity) {
        this.oid = SnmpOids.IPSEC_NOTIFICATION_PREFIX + number;
        this.mibName = mibName;
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
