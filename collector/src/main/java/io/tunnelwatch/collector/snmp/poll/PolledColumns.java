package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.mib.IfMib.IF_DESCR;
import static io.tunnelwatch.mib.IfMib.IF_MTU;
import static io.tunnelwatch.mib.IfMib.IF_NAME;
import static io.tunnelwatch.mib.IfMib.IF_OPER_STATUS;
import static io.tunnelwatch.mib.IfMib.IF_TYPE;
import static io.tunnelwatch.mib.IpMib.IP_AD_ENT_IF_INDEX;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_CTRL_ADMIN_TAG;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_ECHO_ADMIN_TARGET_ADDRESS;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_LATEST_RTT_OPER_SENSE;
import static io.tunnelwatch.mib.TunnelMib.TUNNEL_IF_LOCAL_INET_ADDRESS;
import static io.tunnelwatch.mib.TunnelMib.TUNNEL_IF_REMOTE_INET_ADDRESS;

import java.util.List;

/**
 * The columns one poll walks, table by table, taken from the MIB vocabulary ({@code io.tunnelwatch.mib}, the static
 * OID table shared with the simulator and the benchmarks); MIBs are never parsed at run time.
 */
public final class PolledColumns {

    /** The cikeTunnelTable columns one poll reads. */
    public static final List<String> IKE_TUNNEL_COLUMNS =
            List.of(CIKE_TUN_REMOTE_ADDR, CIKE_TUN_STATUS, CIKE_TUN_LOCAL_ADDR);

    /** The cipSecTunnelTable columns one poll reads; both the Counter32 and the Counter64 octet columns. */
    public static final List<String> IPSEC_TUNNEL_COLUMNS = List.of(CIPSEC_TUN_IKE_TUNNEL_INDEX,
            CIPSEC_TUN_REMOTE_ADDR, CIPSEC_TUN_ACTIVE_TIME, CIPSEC_TUN_IN_OCTETS, CIPSEC_TUN_HC_IN_OCTETS,
            CIPSEC_TUN_IN_PKTS, CIPSEC_TUN_IN_DROP_PKTS, CIPSEC_TUN_IN_REPLAY_DROP_PKTS, CIPSEC_TUN_IN_AUTH_FAILS,
            CIPSEC_TUN_IN_DECRYPT_FAILS, CIPSEC_TUN_OUT_OCTETS, CIPSEC_TUN_HC_OUT_OCTETS, CIPSEC_TUN_OUT_PKTS,
            CIPSEC_TUN_OUT_DROP_PKTS, CIPSEC_TUN_OUT_ENCRYPT_FAILS, CIPSEC_TUN_STATUS);

    /** The IP SLA columns one poll reads (all indexed by rttMonCtrlAdminIndex); a router without probes has none. */
    public static final List<String> SLA_COLUMNS =
            List.of(RTT_MON_CTRL_ADMIN_TAG, RTT_MON_ECHO_ADMIN_TARGET_ADDRESS, RTT_MON_LATEST_RTT_OPER_SENSE);

    /** The cikeFailTable columns one poll reads: why a phase-1 negotiation failed, and with whom. */
    public static final List<String> IKE_FAILURE_COLUMNS = List.of(CIKE_FAIL_REASON, CIKE_FAIL_REMOTE_ADDR);

    /** The cipSecFailTable columns one poll reads; the peer is the tunnel's, else the failed packet's far address. */
    public static final List<String> IPSEC_FAILURE_COLUMNS = List.of(CIPSEC_FAIL_REASON, CIPSEC_FAIL_TUNNEL_INDEX,
            CIPSEC_FAIL_PKT_SRC_ADDR, CIPSEC_FAIL_PKT_DST_ADDR);

    /**
     * The interface columns one poll reads: ifTable, ifXTable and tunnelIfTable share the ifIndex; ipAddrTable,
     * indexed by the address, names the interface holding a tunnel's local address (its source interface).
     */
    public static final List<String> INTERFACE_COLUMNS = List.of(IF_DESCR, IF_TYPE, IF_MTU, IF_OPER_STATUS, IF_NAME,
            TUNNEL_IF_REMOTE_INET_ADDRESS, TUNNEL_IF_LOCAL_INET_ADDRESS, IP_AD_ENT_IF_INDEX);

    private PolledColumns() {
    }
}
