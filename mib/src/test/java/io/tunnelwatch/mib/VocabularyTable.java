package io.tunnelwatch.mib;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every OID constant of the vocabulary under the name its MIB gives the object, so that the tests can check each
 * against the MIB files or docs/cisco-sources.md; and the definitions that list the labels of its enumerated values.
 */
final class VocabularyTable {

    /** The classes that hold the vocabulary's OID constants. */
    static final List<Class<?>> CLASSES = List.of(CiscoSmi.class, SnmpV2Mib.class, IfMib.class, IpMib.class, TunnelMib.class,
            IpsecFlowMonitorMib.class, RttMonMib.class);

    /** MIB object name to constant, for the objects the MIB files in the checked directory define. */
    static final Map<String, String> IN_MIB_FILES = new LinkedHashMap<>();
    /** TUNNEL-MIB (RFC 4087) is not among the MIB files: these are checked against docs/cisco-sources.md. */
    static final Map<String, String> TUNNEL_MIB = new LinkedHashMap<>();

    static {
        Map<String, String> m = IN_MIB_FILES;
        m.put("cisco", CiscoSmi.CISCO);
        m.put("ciscoProducts", CiscoSmi.CISCO_PRODUCTS);
        m.put("ciscoMgmt", CiscoSmi.CISCO_MGMT);

        m.put("mib-2", SnmpV2Mib.MIB_2);
        m.put("system", SnmpV2Mib.SYSTEM);
        m.put("sysDescr", SnmpV2Mib.SYS_DESCR);
        m.put("sysObjectID", SnmpV2Mib.SYS_OBJECT_ID);
        m.put("sysUpTime", SnmpV2Mib.SYS_UP_TIME);
        m.put("sysName", SnmpV2Mib.SYS_NAME);
        m.put("snmpTrapOID", SnmpV2Mib.SNMP_TRAP_OID);
        m.put("snmpTraps", SnmpV2Mib.SNMP_TRAPS);

        m.put("ifEntry", IfMib.IF_ENTRY);
        m.put("ifIndex", IfMib.IF_INDEX);
        m.put("ifDescr", IfMib.IF_DESCR);
        m.put("ifType", IfMib.IF_TYPE);
        m.put("ifMtu", IfMib.IF_MTU);
        m.put("ifAdminStatus", IfMib.IF_ADMIN_STATUS);
        m.put("ifOperStatus", IfMib.IF_OPER_STATUS);
        m.put("ifXEntry", IfMib.IFX_ENTRY);
        m.put("ifName", IfMib.IF_NAME);

        m.put("ipAddrEntry", IpMib.IP_ADDR_ENTRY);
        m.put("ipAdEntAddr", IpMib.IP_AD_ENT_ADDR);
        m.put("ipAdEntIfIndex", IpMib.IP_AD_ENT_IF_INDEX);

        m.put("ciscoIpSecFlowMonitorMIB", IpsecFlowMonitorMib.IPSEC_FLOW_MONITOR);
        m.put("cikePeerEntry", IpsecFlowMonitorMib.CIKE_PEER_ENTRY);
        m.put("cikePeerLocalAddr", IpsecFlowMonitorMib.CIKE_PEER_LOCAL_ADDR);
        m.put("cikePeerRemoteAddr", IpsecFlowMonitorMib.CIKE_PEER_REMOTE_ADDR);
        m.put("cikeTunnelEntry", IpsecFlowMonitorMib.CIKE_TUN_ENTRY);
        m.put("cikeTunLocalType", IpsecFlowMonitorMib.CIKE_TUN_LOCAL_TYPE);
        m.put("cikeTunLocalValue", IpsecFlowMonitorMib.CIKE_TUN_LOCAL_VALUE);
        m.put("cikeTunLocalAddr", IpsecFlowMonitorMib.CIKE_TUN_LOCAL_ADDR);
        m.put("cikeTunRemoteType", IpsecFlowMonitorMib.CIKE_TUN_REMOTE_TYPE);
        m.put("cikeTunRemoteValue", IpsecFlowMonitorMib.CIKE_TUN_REMOTE_VALUE);
        m.put("cikeTunRemoteAddr", IpsecFlowMonitorMib.CIKE_TUN_REMOTE_ADDR);
        m.put("cikeTunLifeTime", IpsecFlowMonitorMib.CIKE_TUN_LIFE_TIME);
        m.put("cikeTunActiveTime", IpsecFlowMonitorMib.CIKE_TUN_ACTIVE_TIME);
        m.put("cikeTunStatus", IpsecFlowMonitorMib.CIKE_TUN_STATUS);
        m.put("cipSecTunnelEntry", IpsecFlowMonitorMib.CIPSEC_TUN_ENTRY);
        m.put("cipSecTunIkeTunnelIndex", IpsecFlowMonitorMib.CIPSEC_TUN_IKE_TUNNEL_INDEX);
        m.put("cipSecTunIkeTunnelAlive", IpsecFlowMonitorMib.CIPSEC_TUN_IKE_TUNNEL_ALIVE);
        m.put("cipSecTunLocalAddr", IpsecFlowMonitorMib.CIPSEC_TUN_LOCAL_ADDR);
        m.put("cipSecTunRemoteAddr", IpsecFlowMonitorMib.CIPSEC_TUN_REMOTE_ADDR);
        m.put("cipSecTunKeyType", IpsecFlowMonitorMib.CIPSEC_TUN_KEY_TYPE);
        m.put("cipSecTunEncapMode", IpsecFlowMonitorMib.CIPSEC_TUN_ENCAP_MODE);
        m.put("cipSecTunLifeSize", IpsecFlowMonitorMib.CIPSEC_TUN_LIFE_SIZE);
        m.put("cipSecTunLifeTime", IpsecFlowMonitorMib.CIPSEC_TUN_LIFE_TIME);
        m.put("cipSecTunActiveTime", IpsecFlowMonitorMib.CIPSEC_TUN_ACTIVE_TIME);
        m.put("cipSecTunInOctets", IpsecFlowMonitorMib.CIPSEC_TUN_IN_OCTETS);
        m.put("cipSecTunHcInOctets", IpsecFlowMonitorMib.CIPSEC_TUN_HC_IN_OCTETS);
        m.put("cipSecTunInOctWraps", IpsecFlowMonitorMib.CIPSEC_TUN_IN_OCT_WRAPS);
        m.put("cipSecTunInPkts", IpsecFlowMonitorMib.CIPSEC_TUN_IN_PKTS);
        m.put("cipSecTunInDropPkts", IpsecFlowMonitorMib.CIPSEC_TUN_IN_DROP_PKTS);
        m.put("cipSecTunInReplayDropPkts", IpsecFlowMonitorMib.CIPSEC_TUN_IN_REPLAY_DROP_PKTS);
        m.put("cipSecTunInAuths", IpsecFlowMonitorMib.CIPSEC_TUN_IN_AUTHS);
        m.put("cipSecTunInAuthFails", IpsecFlowMonitorMib.CIPSEC_TUN_IN_AUTH_FAILS);
        m.put("cipSecTunInDecrypts", IpsecFlowMonitorMib.CIPSEC_TUN_IN_DECRYPTS);
        m.put("cipSecTunInDecryptFails", IpsecFlowMonitorMib.CIPSEC_TUN_IN_DECRYPT_FAILS);
        m.put("cipSecTunOutOctets", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_OCTETS);
        m.put("cipSecTunHcOutOctets", IpsecFlowMonitorMib.CIPSEC_TUN_HC_OUT_OCTETS);
        m.put("cipSecTunOutOctWraps", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_OCT_WRAPS);
        m.put("cipSecTunOutPkts", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_PKTS);
        m.put("cipSecTunOutDropPkts", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_DROP_PKTS);
        m.put("cipSecTunOutAuths", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_AUTHS);
        m.put("cipSecTunOutAuthFails", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_AUTH_FAILS);
        m.put("cipSecTunOutEncrypts", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_ENCRYPTS);
        m.put("cipSecTunOutEncryptFails", IpsecFlowMonitorMib.CIPSEC_TUN_OUT_ENCRYPT_FAILS);
        m.put("cipSecTunStatus", IpsecFlowMonitorMib.CIPSEC_TUN_STATUS);
        m.put("cikeFailEntry", IpsecFlowMonitorMib.CIKE_FAIL_ENTRY);
        m.put("cikeFailReason", IpsecFlowMonitorMib.CIKE_FAIL_REASON);
        m.put("cikeFailTime", IpsecFlowMonitorMib.CIKE_FAIL_TIME);
        m.put("cikeFailLocalAddr", IpsecFlowMonitorMib.CIKE_FAIL_LOCAL_ADDR);
        m.put("cikeFailRemoteAddr", IpsecFlowMonitorMib.CIKE_FAIL_REMOTE_ADDR);
        m.put("cipSecFailEntry", IpsecFlowMonitorMib.CIPSEC_FAIL_ENTRY);
        m.put("cipSecFailReason", IpsecFlowMonitorMib.CIPSEC_FAIL_REASON);
        m.put("cipSecFailTime", IpsecFlowMonitorMib.CIPSEC_FAIL_TIME);
        m.put("cipSecFailTunnelIndex", IpsecFlowMonitorMib.CIPSEC_FAIL_TUNNEL_INDEX);
        m.put("cipSecFailPktSrcAddr", IpsecFlowMonitorMib.CIPSEC_FAIL_PKT_SRC_ADDR);
        m.put("cipSecFailPktDstAddr", IpsecFlowMonitorMib.CIPSEC_FAIL_PKT_DST_ADDR);
        m.put("cipSecSpiEntry", IpsecFlowMonitorMib.CIPSEC_SPI_ENTRY);
        m.put("cipSecSpiProtocol", IpsecFlowMonitorMib.CIPSEC_SPI_PROTOCOL);
        m.put("cipSecMIBNotifications", IpsecFlowMonitorMib.NOTIFICATIONS);

        m.put("ciscoRttMonMIB", RttMonMib.RTT_MON);
        m.put("rttMonCtrlAdminEntry", RttMonMib.RTT_MON_CTRL_ADMIN_ENTRY);
        m.put("rttMonCtrlAdminTag", RttMonMib.RTT_MON_CTRL_ADMIN_TAG);
        m.put("rttMonCtrlAdminRttType", RttMonMib.RTT_MON_CTRL_ADMIN_RTT_TYPE);
        m.put("rttMonEchoAdminEntry", RttMonMib.RTT_MON_ECHO_ADMIN_ENTRY);
        m.put("rttMonEchoAdminTargetAddress", RttMonMib.RTT_MON_ECHO_ADMIN_TARGET_ADDRESS);
        m.put("rttMonCtrlOperEntry", RttMonMib.RTT_MON_CTRL_OPER_ENTRY);
        m.put("rttMonCtrlOperConnectionLostOccurred", RttMonMib.RTT_MON_CTRL_OPER_CONNECTION_LOST);
        m.put("rttMonCtrlOperTimeoutOccurred", RttMonMib.RTT_MON_CTRL_OPER_TIMEOUT);
        m.put("rttMonCtrlOperState", RttMonMib.RTT_MON_CTRL_OPER_STATE);
        m.put("rttMonLatestRttOperEntry", RttMonMib.RTT_MON_LATEST_RTT_OPER_ENTRY);
        m.put("rttMonLatestRttOperCompletionTime", RttMonMib.RTT_MON_LATEST_RTT_OPER_COMPLETION_TIME);
        m.put("rttMonLatestRttOperSense", RttMonMib.RTT_MON_LATEST_RTT_OPER_SENSE);
        m.put("rttMonReactEntry", RttMonMib.RTT_MON_REACT_ENTRY);
        m.put("rttMonReactVar", RttMonMib.RTT_MON_REACT_VAR);
        m.put("rttMonReactOccurred", RttMonMib.RTT_MON_REACT_OCCURRED);
        m.put("rttMonHistoryCollectionEntry", RttMonMib.RTT_MON_HISTORY_COLLECTION_ENTRY);
        m.put("rttMonHistoryCollectionAddress", RttMonMib.RTT_MON_HISTORY_COLLECTION_ADDRESS);
        m.put("rttMonNotifications", RttMonMib.RTT_MON_NOTIFICATIONS);
        for (MibNotification n : notifications().values()) {
            m.put(n.name(), n.oid());
        }

        Map<String, String> t = TUNNEL_MIB;
        t.put("tunnelIfEntry", TunnelMib.TUNNEL_IF_ENTRY);
        t.put("tunnelIfLocalAddress", TunnelMib.TUNNEL_IF_LOCAL_ADDRESS);
        t.put("tunnelIfRemoteAddress", TunnelMib.TUNNEL_IF_REMOTE_ADDRESS);
        t.put("tunnelIfEncapsMethod", TunnelMib.TUNNEL_IF_ENCAPS_METHOD);
        t.put("tunnelIfAddressType", TunnelMib.TUNNEL_IF_ADDRESS_TYPE);
        t.put("tunnelIfLocalInetAddress", TunnelMib.TUNNEL_IF_LOCAL_INET_ADDRESS);
        t.put("tunnelIfRemoteInetAddress", TunnelMib.TUNNEL_IF_REMOTE_INET_ADDRESS);
    }

    /**
     * The prefix of the int constants of each enumeration and the definition (a TEXTUAL-CONVENTION or an
     * OBJECT-TYPE) whose SYNTAX lists their labels: IF_STATUS_UP is up(n) of ifAdminStatus and of ifOperStatus.
     */
    static final Map<String, List<String>> VALUE_PREFIXES = Map.of(
            "TRUTH_VALUE_", List.of("TruthValue"),
            "IF_STATUS_", List.of("ifAdminStatus", "ifOperStatus"),
            "IF_TYPE_", List.of("IANAifType"),
            "INET_ADDRESS_TYPE_", List.of("InetAddressType"),
            "TUNNEL_STATUS_", List.of("TunnelStatus"),
            "IKE_PEER_TYPE_", List.of("IkePeerType"),
            "KEY_TYPE_", List.of("KeyType"),
            "ENCAP_MODE_", List.of("EncapMode"),
            "REACT_VAR_", List.of("RttMonReactVar"));

    private VocabularyTable() {
    }

    /** Every public static String constant of the vocabulary classes, as "Class.FIELD" to its value. */
    static Map<String, String> constants() {
        return fields(String.class);
    }

    /** Every public static int constant (an enumerated value) of the vocabulary classes, as "Class.FIELD". */
    static Map<String, Integer> values() {
        return fields(int.class);
    }

    /** Every notification of the vocabulary classes, as "Class.FIELD". */
    static Map<String, MibNotification> notifications() {
        return fields(MibNotification.class);
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> fields(Class<T> kind) {
        Map<String, T> all = new LinkedHashMap<>();
        for (Class<?> type : CLASSES) {
            for (Field f : type.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == kind) {
                    try {
                        all.put(type.getSimpleName() + "." + f.getName(), (T) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return all;
    }

    /** The MIB label of an enumerated-value constant: the rest of its name after the prefix, in lower camel case. */
    static String label(String field, String prefix) {
        StringBuilder label = new StringBuilder();
        for (String word : field.substring(field.indexOf('.') + 1 + prefix.length()).toLowerCase(Locale.ROOT)
                .split("_")) {
            label.append(label.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return label.toString();
    }
}
