package io.tunnelwatch.collector.snmp.poll;

import java.util.List;

/**
 * The static OID table of everything the poller reads and the trap receiver decodes, resolved once from the MIBs in
 * shared/mibs (CISCO-IPSEC-FLOW-MONITOR-MIB, IF-MIB, TUNNEL-MIB, SNMPv2-MIB); MIBs are never parsed at run time.
 */
public final class SnmpOids {

    /** ciscoIpSecFlowMonitorMIB. */
    public static final String IPSEC_FLOW_MONITOR = "1.3.6.1.4.1.9.9.171";

    // cikeTunnelTable entry, index cikeTunIndex
    static final String CIKE_TUN_ENTRY = IPSEC_FLOW_MONITOR + ".1.2.3.1";
    public static final String CIKE_TUN_REMOTE_ADDR = CIKE_TUN_ENTRY + ".8";
    public static final String CIKE_TUN_STATUS = CIKE_TUN_ENTRY + ".35";

    // cikePeerTable entry: index (localType, localValue, remoteType, remoteValue, intIndex)
    public static final String CIKE_PEER_LOCAL_ADDR = IPSEC_FLOW_MONITOR + ".1.2.2.1.6";
    public static final String CIKE_PEER_REMOTE_ADDR = IPSEC_FLOW_MONITOR + ".1.2.2.1.7";

    // cipSecTunnelTable entry, index cipSecTunIndex
    static final String CIPSEC_TUN_ENTRY = IPSEC_FLOW_MONITOR + ".1.3.2.1";
    public static final String CIPSEC_TUN_IKE_TUNNEL_INDEX = CIPSEC_TUN_ENTRY + ".2";
    public static final String CIPSEC_TUN_REMOTE_ADDR = CIPSEC_TUN_ENTRY + ".5";
    public static final String CIPSEC_TUN_ACTIVE_TIME = CIPSEC_TUN_ENTRY + ".10";
    public static final String CIPSEC_TUN_IN_OCTETS = CIPSEC_TUN_ENTRY + ".26";
    public static final String CIPSEC_TUN_HC_IN_OCTETS = CIPSEC_TUN_ENTRY + ".27";
    public static final String CIPSEC_TUN_IN_PKTS = CIPSEC_TUN_ENTRY + ".32";
    public static final String CIPSEC_TUN_IN_DROP_PKTS = CIPSEC_TUN_ENTRY + ".33";
    public static final String CIPSEC_TUN_IN_REPLAY_DROP_PKTS = CIPSEC_TUN_ENTRY + ".34";
    public static final String CIPSEC_TUN_IN_AUTH_FAILS = CIPSEC_TUN_ENTRY + ".36";
    public static final String CIPSEC_TUN_IN_DECRYPT_FAILS = CIPSEC_TUN_ENTRY + ".38";
    public static final String CIPSEC_TUN_OUT_OCTETS = CIPSEC_TUN_ENTRY + ".39";
    public static final String CIPSEC_TUN_HC_OUT_OCTETS = CIPSEC_TUN_ENTRY + ".40";
    public static final String CIPSEC_TUN_OUT_PKTS = CIPSEC_TUN_ENTRY + ".45";
    public static final String CIPSEC_TUN_OUT_DROP_PKTS = CIPSEC_TUN_ENTRY + ".46";
    public static final String CIPSEC_TUN_OUT_ENCRYPT_FAILS = CIPSEC_TUN_ENTRY + ".50";
    public static final String CIPSEC_TUN_STATUS = CIPSEC_TUN_ENTRY + ".51";

    // other columns that notifications carry
    public static final String CIKE_TUN_LIFE_TIME = CIKE_TUN_ENTRY + ".15";
    public static final String CIKE_TUN_ACTIVE_TIME = CIKE_TUN_ENTRY + ".16";
    public static final String CIPSEC_TUN_LIFE_SIZE = CIPSEC_TUN_ENTRY + ".8";
    public static final String CIPSEC_TUN_LIFE_TIME = CIPSEC_TUN_ENTRY + ".9";
    public static final String CIPSEC_SPI_PROTOCOL = IPSEC_FLOW_MONITOR + ".1.3.4.1.4";

    /**
     * Notifications: ciscoIpSecFlowMonitorMIB.2.0.N, N = 1..13 (docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib).
     */
    public static final String IPSEC_NOTIFICATION_PREFIX = IPSEC_FLOW_MONITOR + ".2.0.";

    // IF-MIB, index ifIndex
    public static final String IF_DESCR = "1.3.6.1.2.1.2.2.1.2";
    public static final String IF_TYPE = "1.3.6.1.2.1.2.2.1.3";
    public static final String IF_OPER_STATUS = "1.3.6.1.2.1.2.2.1.8";
    /** ifMtu: for a Tunnel interface IOS-XE reports the interface MTU ({@code show interfaces}), not {@code ip mtu}. */
    public static final String IF_MTU = "1.3.6.1.2.1.2.2.1.4";
    public static final String IF_NAME = "1.3.6.1.2.1.31.1.1.1.1";
    public static final String IF_INDEX = "1.3.6.1.2.1.2.2.1.1";
    /** IANAifType tunnel(131). */
    public static final long IF_TYPE_TUNNEL = 131;

    /** TUNNEL-MIB tunnelIfRemoteInetAddress, index ifIndex (raw 4 or 16 bytes). */
    public static final String TUNNEL_IF_REMOTE_INET_ADDRESS = "1.3.6.1.2.1.10.131.1.1.1.1.10";

    // CISCO-RTTMON-MIB (IP SLA), rows indexed by rttMonCtrlAdminIndex (the `ip sla N` number),
    // docs/cisco-sources.md#ip-sla-cisco-rttmon-mib
    public static final String RTT_MON = "1.3.6.1.4.1.9.9.42";
    public static final String RTT_MON_CTRL_ADMIN_TAG = RTT_MON + ".1.2.1.1.3";
    /** rttMonEchoAdminTargetAddress: the probe's target, raw 4 or 16 bytes for ICMP/UDP echo. */
    public static final String RTT_MON_ECHO_ADMIN_TARGET_ADDRESS = RTT_MON + ".1.2.2.1.2";
    /** rttMonLatestRttOperSense: the last probe's outcome (RttResponseSense: ok(1), timeout(4)...). */
    public static final String RTT_MON_LATEST_RTT_OPER_SENSE = RTT_MON + ".1.2.10.1.2";
    public static final String RTT_MON_CTRL_OPER_CONNECTION_LOST = RTT_MON + ".1.2.9.1.5";
    public static final String RTT_MON_CTRL_OPER_TIMEOUT = RTT_MON + ".1.2.9.1.6";
    /** rttMonHistoryCollectionAddress, index (admin, life, bucket, sample): the probe's target, raw 4 or 16 bytes. */
    public static final String RTT_MON_HISTORY_COLLECTION_ADDRESS = RTT_MON + ".1.4.1.1.5";
    /** rttMonReactVar, index (admin, reactConfig): what a reaction watches (RttMonReactVar). */
    public static final String RTT_MON_REACT_VAR = RTT_MON + ".1.2.19.1.2";
    public static final String RTT_MON_REACT_OCCURRED = RTT_MON + ".1.2.19.1.10";
    /** Notifications: rttMonNotificationsPrefix.N (1 connection change, 2 timeout, 3 threshold, 5 reaction). */
    public static final String RTT_MON_NOTIFICATION_PREFIX = RTT_MON + ".2.0.";

    // SNMPv2-MIB and the generic traps
    public static final String SYS_UP_TIME = "1.3.6.1.2.1.1.3.0";
    public static final String SNMP_TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0";
    public static final String LINK_DOWN = "1.3.6.1.6.3.1.1.5.3";
    public static final String LINK_UP = "1.3.6.1.6.3.1.1.5.4";

    /** The cikeTunnelTable columns one poll reads. */
    public static final List<String> IKE_TUNNEL_COLUMNS = List.of(CIKE_TUN_REMOTE_ADDR, CIKE_TUN_STATUS);

    /** The cipSecTunnelTable columns one poll reads; both the Counter32 and the Counter64 octet columns. */
    public static final List<String> IPSEC_TUNNEL_COLUMNS = List.of(CIPSEC_TUN_IKE_TUNNEL_INDEX,
            CIPSEC_TUN_REMOTE_ADDR, CIPSEC_TUN_ACTIVE_TIME, CIPSEC_TUN_IN_OCTETS, CIPSEC_TUN_HC_IN_OCTETS,
            CIPSEC_TUN_IN_PKTS, CIPSEC_TUN_IN_DROP_PKTS, CIPSEC_TUN_IN_REPLAY_DROP_PKTS, CIPSEC_TUN_IN_AUTH_FAILS,
            CIPSEC_TUN_IN_DECRYPT_FAILS, CIPSEC_TUN_OUT_OCTETS, CIPSEC_TUN_HC_OUT_OCTETS, CIPSEC_TUN_OUT_PKTS,
            CIPSEC_TUN_OUT_DROP_PKTS, CIPSEC_TUN_OUT_ENCRYPT_FAILS, CIPSEC_TUN_STATUS);

    /** The IP SLA columns one poll reads (all indexed by rttMonCtrlAdminIndex); a router without probes has none. */
    public static final List<String> SLA_COLUMNS =
            List.of(RTT_MON_CTRL_ADMIN_TAG, RTT_MON_ECHO_ADMIN_TARGET_ADDRESS, RTT_MON_LATEST_RTT_OPER_SENSE);

    /** The interface columns one poll reads (ifTable, ifXTable, tunnelIfTable share the ifIndex). */
    public static final List<String> INTERFACE_COLUMNS =
            List.of(IF_DESCR, IF_TYPE, IF_MTU, IF_OPER_STATUS, IF_NAME, TUNNEL_IF_REMOTE_INET_ADDRESS);

    private SnmpOids() {
    }
}
