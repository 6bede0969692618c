package io.tunnelwatch.mib;

import static io.tunnelwatch.mib.Oids.column;

import java.util.List;

/**
 * CISCO-IPSEC-FLOW-MONITOR-MIB: the IKE (phase 1) and IPsec (phase 2) tunnel tables, the columns the notifications
 * carry, and the 13 notifications (docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib). Addresses (IPSIpAddress)
 * are raw 4 or 16 octets; active times are TimeTicks.
 */
public final class IpsecFlowMonitorMib {

    /** ciscoIpSecFlowMonitorMIB (ciscoMgmt 171). */
    public static final String IPSEC_FLOW_MONITOR = Oids.child(CiscoSmi.CISCO_MGMT, 171);

    /**
     * cikePeerEntry: index (cikePeerLocalType, cikePeerLocalValue, cikePeerRemoteType, cikePeerRemoteValue,
     * cikePeerIntIndex), see {@link #cikePeerIndex}.
     */
    public static final String CIKE_PEER_ENTRY = Oids.child(IPSEC_FLOW_MONITOR, 1, 2, 2, 1);
    /** cikePeerLocalAddr. */
    public static final String CIKE_PEER_LOCAL_ADDR = column(CIKE_PEER_ENTRY, 6);
    /** cikePeerRemoteAddr. */
    public static final String CIKE_PEER_REMOTE_ADDR = column(CIKE_PEER_ENTRY, 7);

    /** cikeTunnelEntry: one IKE SA, index cikeTunIndex. */
    public static final String CIKE_TUN_ENTRY = Oids.child(IPSEC_FLOW_MONITOR, 1, 2, 3, 1);
    /** cikeTunLocalType: an IkePeerType. */
    public static final String CIKE_TUN_LOCAL_TYPE = column(CIKE_TUN_ENTRY, 2);
    /** cikeTunLocalValue: the local identity as text. */
    public static final String CIKE_TUN_LOCAL_VALUE = column(CIKE_TUN_ENTRY, 3);
    /** cikeTunLocalAddr. */
    public static final String CIKE_TUN_LOCAL_ADDR = column(CIKE_TUN_ENTRY, 4);
    /** cikeTunRemoteType: an IkePeerType. */
    public static final String CIKE_TUN_REMOTE_TYPE = column(CIKE_TUN_ENTRY, 6);
    /** cikeTunRemoteValue: the peer's identity as text. */
    public static final String CIKE_TUN_REMOTE_VALUE = column(CIKE_TUN_ENTRY, 7);
    /** cikeTunRemoteAddr. */
    public static final String CIKE_TUN_REMOTE_ADDR = column(CIKE_TUN_ENTRY, 8);
    /** cikeTunLifeTime: seconds. */
    public static final String CIKE_TUN_LIFE_TIME = column(CIKE_TUN_ENTRY, 15);
    /** cikeTunActiveTime. */
    public static final String CIKE_TUN_ACTIVE_TIME = column(CIKE_TUN_ENTRY, 16);
    /** cikeTunStatus: {@link #TUNNEL_STATUS_ACTIVE} or {@link #TUNNEL_STATUS_DESTROY}. */
    public static final String CIKE_TUN_STATUS = column(CIKE_TUN_ENTRY, 35);

    /** cipSecTunnelEntry: one IPsec SA pair, index cipSecTunIndex. */
    public static final String CIPSEC_TUN_ENTRY = Oids.child(IPSEC_FLOW_MONITOR, 1, 3, 2, 1);
    /** cipSecTunIkeTunnelIndex: the cikeTunIndex of the IKE SA that negotiated it. */
    public static final String CIPSEC_TUN_IKE_TUNNEL_INDEX = column(CIPSEC_TUN_ENTRY, 2);
    /** cipSecTunIkeTunnelAlive: a TruthValue. */
    public static final String CIPSEC_TUN_IKE_TUNNEL_ALIVE = column(CIPSEC_TUN_ENTRY, 3);
    /** cipSecTunLocalAddr. */
    public static final String CIPSEC_TUN_LOCAL_ADDR = column(CIPSEC_TUN_ENTRY, 4);
    /** cipSecTunRemoteAddr: what a notification that carries only the index is resolved with. */
    public static final String CIPSEC_TUN_REMOTE_ADDR = column(CIPSEC_TUN_ENTRY, 5);
    /** cipSecTunKeyType: {@link #KEY_TYPE_IKE} or manual(2). */
    public static final String CIPSEC_TUN_KEY_TYPE = column(CIPSEC_TUN_ENTRY, 6);
    /** cipSecTunEncapMode: {@link #ENCAP_MODE_TUNNEL} or transport(2). */
    public static final String CIPSEC_TUN_ENCAP_MODE = column(CIPSEC_TUN_ENTRY, 7);
    /** cipSecTunLifeSize: kilobytes. */
    public static final String CIPSEC_TUN_LIFE_SIZE = column(CIPSEC_TUN_ENTRY, 8);
    /** cipSecTunLifeTime: seconds. */
    public static final String CIPSEC_TUN_LIFE_TIME = column(CIPSEC_TUN_ENTRY, 9);
    /** cipSecTunActiveTime. */
    public static final String CIPSEC_TUN_ACTIVE_TIME = column(CIPSEC_TUN_ENTRY, 10);
    /** cipSecTunInOctets (Counter32); the HC column (+1) and the wrap count (+2) follow it. */
    public static final String CIPSEC_TUN_IN_OCTETS = column(CIPSEC_TUN_ENTRY, 26);
    /** cipSecTunHcInOctets (Counter64), missing on some images. */
    public static final String CIPSEC_TUN_HC_IN_OCTETS = column(CIPSEC_TUN_ENTRY, 27);
    /** cipSecTunInOctWraps. */
    public static final String CIPSEC_TUN_IN_OCT_WRAPS = column(CIPSEC_TUN_ENTRY, 28);
    /** cipSecTunInPkts. */
    public static final String CIPSEC_TUN_IN_PKTS = column(CIPSEC_TUN_ENTRY, 32);
    /** cipSecTunInDropPkts. */
    public static final String CIPSEC_TUN_IN_DROP_PKTS = column(CIPSEC_TUN_ENTRY, 33);
    /** cipSecTunInReplayDropPkts. */
    public static final String CIPSEC_TUN_IN_REPLAY_DROP_PKTS = column(CIPSEC_TUN_ENTRY, 34);
    /** cipSecTunInAuths. */
    public static final String CIPSEC_TUN_IN_AUTHS = column(CIPSEC_TUN_ENTRY, 35);
    /** cipSecTunInAuthFails. */
    public static final String CIPSEC_TUN_IN_AUTH_FAILS = column(CIPSEC_TUN_ENTRY, 36);
    /** cipSecTunInDecrypts. */
    public static final String CIPSEC_TUN_IN_DECRYPTS = column(CIPSEC_TUN_ENTRY, 37);
    /** cipSecTunInDecryptFails. */
    public static final String CIPSEC_TUN_IN_DECRYPT_FAILS = column(CIPSEC_TUN_ENTRY, 38);
    /** cipSecTunOutOctets (Counter32); the HC column (+1) and the wrap count (+2) follow it. */
    public static final String CIPSEC_TUN_OUT_OCTETS = column(CIPSEC_TUN_ENTRY, 39);
    /** cipSecTunHcOutOctets (Counter64). */
    public static final String CIPSEC_TUN_HC_OUT_OCTETS = column(CIPSEC_TUN_ENTRY, 40);
    /** cipSecTunOutOctWraps. */
    public static final String CIPSEC_TUN_OUT_OCT_WRAPS = column(CIPSEC_TUN_ENTRY, 41);
    /** cipSecTunOutPkts. */
    public static final String CIPSEC_TUN_OUT_PKTS = column(CIPSEC_TUN_ENTRY, 45);
    /** cipSecTunOutDropPkts. */
    public static final String CIPSEC_TUN_OUT_DROP_PKTS = column(CIPSEC_TUN_ENTRY, 46);
    /** cipSecTunOutAuths. */
    public static final String CIPSEC_TUN_OUT_AUTHS = column(CIPSEC_TUN_ENTRY, 47);
    /** cipSecTunOutAuthFails. */
    public static final String CIPSEC_TUN_OUT_AUTH_FAILS = column(CIPSEC_TUN_ENTRY, 48);
    /** cipSecTunOutEncrypts. */
    public static final String CIPSEC_TUN_OUT_ENCRYPTS = column(CIPSEC_TUN_ENTRY, 49);
    /** cipSecTunOutEncryptFails. */
    public static final String CIPSEC_TUN_OUT_ENCRYPT_FAILS = column(CIPSEC_TUN_ENTRY, 50);
    /** cipSecTunStatus: {@link #TUNNEL_STATUS_ACTIVE} or {@link #TUNNEL_STATUS_DESTROY}. */
    public static final String CIPSEC_TUN_STATUS = column(CIPSEC_TUN_ENTRY, 51);

    /** cipSecSpiEntry: index (cipSecTunIndex, cipSecSpiIndex). */
    public static final String CIPSEC_SPI_ENTRY = Oids.child(IPSEC_FLOW_MONITOR, 1, 3, 4, 1);
    /** cipSecSpiProtocol. */
    public static final String CIPSEC_SPI_PROTOCOL = column(CIPSEC_SPI_ENTRY, 4);

    /**
     * cikeFailEntry: one phase-1 failure, index cikeFailIndex (from 1, one more per failure, wrapping at 2^31-1). The
     * table is a sliding window of the last cipSecFailTableSize failures.
     */
    public static final String CIKE_FAIL_ENTRY = Oids.child(IPSEC_FLOW_MONITOR, 1, 5, 2, 1, 1);
    /** cikeFailReason: see {@link #CIKE_FAIL_REASONS}. */
    public static final String CIKE_FAIL_REASON = column(CIKE_FAIL_ENTRY, 2);
    /** cikeFailTime: sysUpTime (hundredths of a second) at the failure. */
    public static final String CIKE_FAIL_TIME = column(CIKE_FAIL_ENTRY, 3);
    /** cikeFailLocalAddr. */
    public static final String CIKE_FAIL_LOCAL_ADDR = column(CIKE_FAIL_ENTRY, 8);
    /** cikeFailRemoteAddr: the peer's address. */
    public static final String CIKE_FAIL_REMOTE_ADDR = column(CIKE_FAIL_ENTRY, 9);

    /** cipSecFailEntry: one phase-2 failure, index cipSecFailIndex; a sliding window like cikeFailTable. */
    public static final String CIPSEC_FAIL_ENTRY = Oids.child(IPSEC_FLOW_MONITOR, 1, 5, 3, 1, 1);
    /** cipSecFailReason: see {@link #CIPSEC_FAIL_REASONS}. */
    public static final String CIPSEC_FAIL_REASON = column(CIPSEC_FAIL_ENTRY, 2);
    /** cipSecFailTime: sysUpTime at the failure. */
    public static final String CIPSEC_FAIL_TIME = column(CIPSEC_FAIL_ENTRY, 3);
    /** cipSecFailTunnelIndex: the cipSecTunIndex of the SA, if it has a row. */
    public static final String CIPSEC_FAIL_TUNNEL_INDEX = column(CIPSEC_FAIL_ENTRY, 4);
    /** cipSecFailPktSrcAddr: the source address of the packet that failed. */
    public static final String CIPSEC_FAIL_PKT_SRC_ADDR = column(CIPSEC_FAIL_ENTRY, 6);
    /** cipSecFailPktDstAddr: its destination address. */
    public static final String CIPSEC_FAIL_PKT_DST_ADDR = column(CIPSEC_FAIL_ENTRY, 7);

    /** The labels of cikeFailReason, by value (index 0 unused). */
    public static final List<String> CIKE_FAIL_REASONS = List.of("", "other", "peerDelRequest", "peerLost",
            "localFailure", "authFailure", "hashValidation", "encryptFailure", "internalError", "sysCapExceeded",
            "proposalFailure", "peerCertUnavailable", "peerCertNotValid", "localCertExpired", "crlFailure",
            "peerEncodingError", "nonExistentSa", "operRequest");
    /** The labels of cipSecFailReason, by value (index 0 unused). */
    public static final List<String> CIPSEC_FAIL_REASONS = List.of("", "other", "internalError",
            "peerEncodingError", "proposalFailure", "protocolUseFail", "nonExistentSa", "decryptFailure",
            "encryptFailure", "inAuthFailure", "outAuthFailure", "compression", "sysCapExceeded", "peerDelRequest",
            "peerLost", "seqNumRollOver", "operRequest");

    /** ciscoIpSecFlowMonitorMIB.2.0 (cipSecMIBNotifications): the parent of the 13 notifications. */
    public static final String NOTIFICATIONS = Oids.child(IPSEC_FLOW_MONITOR, 2, 0);
    public static final MibNotification CIKE_TUNNEL_START = MibNotification.of(NOTIFICATIONS, 1, "cikeTunnelStart");
    public static final MibNotification CIKE_TUNNEL_STOP = MibNotification.of(NOTIFICATIONS, 2, "cikeTunnelStop");
    public static final MibNotification CIKE_SYS_FAILURE = MibNotification.of(NOTIFICATIONS, 3, "cikeSysFailure");
    public static final MibNotification CIKE_CERT_CRL_FAILURE =
            MibNotification.of(NOTIFICATIONS, 4, "cikeCertCrlFailure");
    public static final MibNotification CIKE_PROTOCOL_FAILURE =
            MibNotification.of(NOTIFICATIONS, 5, "cikeProtocolFailure");
    public static final MibNotification CIKE_NO_SA = MibNotification.of(NOTIFICATIONS, 6, "cikeNoSa");
    /** cipSecTunnelStart: carries no peer address, only the cipSecTunIndex in its varbind OIDs. */
    public static final MibNotification CIPSEC_TUNNEL_START =
            MibNotification.of(NOTIFICATIONS, 7, "cipSecTunnelStart");
    /** cipSecTunnelStop: carries no peer address, only the cipSecTunIndex in its varbind OIDs. */
    public static final MibNotification CIPSEC_TUNNEL_STOP = MibNotification.of(NOTIFICATIONS, 8, "cipSecTunnelStop");
    public static final MibNotification CIPSEC_SYS_FAILURE = MibNotification.of(NOTIFICATIONS, 9, "cipSecSysFailure");
    public static final MibNotification CIPSEC_SETUP_FAILURE =
            MibNotification.of(NOTIFICATIONS, 10, "cipSecSetUpFailure");
    public static final MibNotification CIPSEC_EARLY_TUN_TERM =
            MibNotification.of(NOTIFICATIONS, 11, "cipSecEarlyTunTerm");
    public static final MibNotification CIPSEC_PROTOCOL_FAILURE =
            MibNotification.of(NOTIFICATIONS, 12, "cipSecProtocolFailure");
    public static final MibNotification CIPSEC_NO_SA = MibNotification.of(NOTIFICATIONS, 13, "cipSecNoSa");

    /** TunnelStatus active(1), of cikeTunStatus and cipSecTunStatus. */
    public static final int TUNNEL_STATUS_ACTIVE = 1;
    /** TunnelStatus destroy(2). */
    public static final int TUNNEL_STATUS_DESTROY = 2;
    /** IkePeerType ipAddrPeer(1): the identity is an IP address. */
    public static final int IKE_PEER_TYPE_IP_ADDR_PEER = 1;
    /** IkePeerType namePeer(2): the identity is a host name. */
    public static final int IKE_PEER_TYPE_NAME_PEER = 2;
    /** KeyType ike(1) of cipSecTunKeyType. */
    public static final int KEY_TYPE_IKE = 1;
    /** EncapMode tunnel(1) of cipSecTunEncapMode. */
    public static final int ENCAP_MODE_TUNNEL = 1;

    /** The 13 notifications in the order of their numbers. */
    public static final List<MibNotification> ALL_NOTIFICATIONS = List.of(CIKE_TUNNEL_START, CIKE_TUNNEL_STOP,
            CIKE_SYS_FAILURE, CIKE_CERT_CRL_FAILURE, CIKE_PROTOCOL_FAILURE, CIKE_NO_SA, CIPSEC_TUNNEL_START,
            CIPSEC_TUNNEL_STOP, CIPSEC_SYS_FAILURE, CIPSEC_SETUP_FAILURE, CIPSEC_EARLY_TUN_TERM,
            CIPSEC_PROTOCOL_FAILURE, CIPSEC_NO_SA);

    private IpsecFlowMonitorMib() {
    }

    /**
     * The cikePeerTable row index of a peer pair: each identity as its IkePeerType and its length-prefixed
     * DisplayString, then cikePeerIntIndex.
     */
    public static String cikePeerIndex(int localType, String localValue, int remoteType, String remoteValue,
                                       int intIndex) {
        return localType + "." + Oids.stringIndex(localValue) + "." + remoteType + "." + Oids.stringIndex(remoteValue)
                + "." + intIndex;
    }
}
