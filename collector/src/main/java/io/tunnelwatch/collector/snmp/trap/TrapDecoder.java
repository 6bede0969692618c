package io.tunnelwatch.collector.snmp.trap;

import static io.tunnelwatch.mib.IfMib.IF_DESCR;
import static io.tunnelwatch.mib.IfMib.IF_INDEX;
import static io.tunnelwatch.mib.IfMib.IF_TYPE;
import static io.tunnelwatch.mib.IfMib.IF_TYPE_TUNNEL;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIKE_PEER_LOCAL_ADDR;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIKE_PEER_REMOTE_ADDR;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIKE_TUN_ENTRY;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIPSEC_TUN_ENTRY;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_CTRL_ADMIN_TAG;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_HISTORY_COLLECTION_ADDRESS;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_REACT_VAR;
import static io.tunnelwatch.mib.SnmpV2Mib.LINK_DOWN;
import static io.tunnelwatch.mib.SnmpV2Mib.LINK_UP;
import static io.tunnelwatch.mib.SnmpV2Mib.SNMP_TRAP_OID_0;
import static io.tunnelwatch.mib.SnmpV2Mib.SYS_UP_TIME_0;

import io.tunnelwatch.collector.net.IpsAddress;
import io.tunnelwatch.collector.net.PeerAddresses;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.TunnelInterface;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.SnmpV2Mib;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns one accepted notification into a {@link TunnelEvent}: the 13 CISCO-IPSEC-FLOW-MONITOR-MIB notifications,
 * IF-MIB linkUp/linkDown of tunnel interfaces, and the IP SLA notifications of a probe failing or passing again
 * ({@link SlaNotification}: the probe's target address, else its tag when that is an address, is the peer). SNMPv1 traps are first given their SNMPv2 trap OID (RFC 3584
 * §3.1: enterprise.0.specific, or snmpTraps.(generic+1)). The peer is read from cikePeerRemoteAddr (IPSIpAddress,
 * 4 or 16 raw bytes) when the notification carries it, else from the poller's {@link TunnelIndex}; a cipSecTunIndex
 * the last poll did not see gives peer {@code *} and the field {@code unresolved_tunnel_index}.
 */
public final class TrapDecoder {

    /** The notification type label of metrics for anything not decoded here. */
    static final String OTHER = "other";
    /** The field of an event whose cipSecTunIndex the poller's index map did not know. */
    static final String UNRESOLVED_TUNNEL_INDEX = "unresolved_tunnel_index";

    private final TunnelIndex tunnelIndex;

    public TrapDecoder(TunnelIndex tunnelIndex) {
        this.tunnelIndex = tunnelIndex;
    }

    /** The snmpTrapOID of a PDU, for v1 traps translated per RFC 3584; null when the PDU has none. */
    static String trapOid(PDU pdu) {
        if (pdu instanceof PDUv1 v1) {
            int generic = v1.getGenericTrap();
            return generic == PDUv1.ENTERPRISE_SPECIFIC
                    ? SnmpV2Mib.enterpriseSpecificTrap(v1.getEnterprise().toDottedString(), v1.getSpecificTrap())
                    : SnmpV2Mib.genericTrap(generic);
        }
        Variable oid = pdu.getVariable(SNMP_TRAP_OID_0_OID);
        return oid instanceof OID o ? o.toDottedString() : null;
    }

    /** A bounded label for metrics: the MIB name of the notification, or {@code other}. */
    static String typeLabel(String trapOid) {
        IpsecNotification n = IpsecNotification.byOid(trapOid);
        if (n != null) {
            return n.mibName;
        }
        SlaNotification sla = SlaNotification.byOid(trapOid);
        if (sla != null) {
            return sla.mibName;
        }
        return LINK_UP.oid().equals(trapOid) ? LINK_UP.name() : LINK_DOWN.oid().equals(trapOid) ? LINK_DOWN.name()
                : OTHER;
    }

    /** The event, or null when the notification is not one of ours (or a link trap of a non-tunnel interface). */
    public TunnelEvent decode(String device, String source, PDU pdu, Instant receivedAt) {
        String trapOid = trapOid(pdu);
        if (trapOid == null) {
            return null;
        }
        List<? extends VariableBinding> bindings = pdu.getVariableBindings();
        IpsecNotification n = IpsecNotification.byOid(trapOid);
        if (n != null) {
            return ipsecEvent(n, device, source, bindings, receivedAt);
        }
        if (LINK_UP.oid().equals(trapOid) || LINK_DOWN.oid().equals(trapOid)) {
            return linkEvent(LINK_UP.oid().equals(trapOid), device, source, bindings, receivedAt);
        }
        SlaNotification sla = SlaNotification.byOid(trapOid);
        if (sla != null) {
            return slaEvent(sla, device, source, bindings, receivedAt);
        }
        return null;
    }

    /** UNDERLAY_PROBE_FAILED or _OK, or null when the notification is not about reachability or says neither. */
    private static TunnelEvent slaEvent(SlaNotification sla, String device, String source,
                                        List<? extends VariableBinding> bindings, Instant receivedAt) {
        String condition = sla.condition(numberIn(bindings, RTT_MON_REACT_VAR));
        long occurred = numberIn(bindings, sla.occurredColumn);
        if (condition == null || (occurred != SlaNotification.TRUE && occurred != SlaNotification.FALSE)) {
            return null;
        }
        boolean failing = occurred == SlaNotification.TRUE;
        Map<String, String> fields = new HashMap<>();
        fields.put("probe", condition);
        Integer index = firstIndexAfter(bindings, sla.occurredColumn);
        if (index == null) {
            index = firstIndexAfter(bindings, RTT_MON_CTRL_ADMIN_TAG);
        }
        if (index != null) {
            fields.put("sla_index", index.toString());
        }
        String tag = textIn(bindings, RTT_MON_CTRL_ADMIN_TAG);
        if (tag != null && !tag.isBlank()) {
            fields.put("sla_tag", tag.strip());
        }
        String peer = addressIn(bindings, RTT_MON_HISTORY_COLLECTION_ADDRESS);
        if (peer == null && tag != null) {
            peer = PeerAddresses.canonical(tag.strip());
        }
        return event(failing ? EventKind.UNDERLAY_PROBE_FAILED : EventKind.UNDERLAY_PROBE_OK, sla.mibName,
                failing ? 3 : 5, device, peer, fields, bindings, source, receivedAt);
    }

    /** The first sub-identifier after {@code column} in the OID of its varbind (the row's first index), or null. */
    private static Integer firstIndexAfter(List<? extends VariableBinding> bindings, String column) {
        for (VariableBinding vb : bindings) {
            String oid = vb.getOid().toDottedString();
            if (oid.startsWith(column + ".")) {
                int end = oid.indexOf('.', column.length() + 1);
                return parseIndex(oid.substring(column.length() + 1, end < 0 ? oid.length() : end));
            }
        }
        return null;
    }

    private TunnelEvent ipsecEvent(IpsecNotification n, String device, String source,
                                   List<? extends VariableBinding> bindings, Instant receivedAt) {
        Map<String, String> fields = new HashMap<>();
        String peer = n.carriesPeer ? peerOf(bindings) : null;
        String local = addressIn(bindings, CIKE_PEER_LOCAL_ADDR);
        if (local != null) {
            fields.put("local_address", local);
        }
        Integer tunIndex = indexOf(bindings, CIPSEC_TUN_ENTRY_PREFIX);
        if (tunIndex != null) {
            fields.put("tunnel_index", tunIndex.toString());
            if (peer == null) {
                peer = tunnelIndex.ipsecPeer(device, tunIndex);
                if (peer == null) {
                    fields.put(UNRESOLVED_TUNNEL_INDEX, tunIndex.toString());
                }
            }
        }
        Integer ikeIndex = indexOf(bindings, CIKE_TUN_ENTRY_PREFIX);
        if (peer == null && ikeIndex != null) {
            peer = tunnelIndex.ikePeer(device, ikeIndex);
        }
        return event(n.kind, n.mibName, n.severity, device, peer, fields, bindings, source, receivedAt);
    }

    private TunnelEvent linkEvent(boolean up, String device, String source, List<? extends VariableBinding> bindings,
                                  Instant receivedAt) {
        Integer ifIndex = firstIndexAfter(bindings, IF_INDEX); // the instance of its ifIndex varbind
        TunnelInterface known = ifIndex == null ? null : tunnelIndex.tunnelInterface(device, ifIndex);
        String name = known != null ? known.name() : textIn(bindings, IF_DESCR);
        boolean tunnel = known != null || numberIn(bindings, IF_TYPE) == IF_TYPE_TUNNEL
                || (name != null && name.startsWith("Tunnel"));
        if (!tunnel) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("interface", name != null ? name : "ifIndex" + ifIndex);
        if (ifIndex != null) {
            fields.put("if_index", ifIndex.toString());
        }
        String peer = known == null ? null : known.remote();
        return event(up ? EventKind.TUNNEL_INTERFACE_UP : EventKind.TUNNEL_INTERFACE_DOWN,
                up ? LINK_UP.name() : LINK_DOWN.name(),
                up ? 5 : 3, device, peer, fields, bindings, source, receivedAt);
    }

    private static TunnelEvent event(EventKind kind, String mnemonic, int severity, String device, String peer,
                                     Map<String, String> fields, List<? extends VariableBinding> bindings,
                                     String source, Instant receivedAt) {
        Variable upTime = bindingValue(bindings, SYS_UP_TIME_0);
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, device, peer == null ? PeerKey.ANY_PEER : peer,
                null, mnemonic, severity, fields, upTime == null ? null : upTime.toString(), receivedAt, source,
                "snmp", summary(mnemonic, peer, fields));
    }

    /** An unresolved event once a lookup found its peer: the peer set, {@code peer_source=get} instead of the mark. */
    static TunnelEvent resolved(TunnelEvent e, String peer) {
        Map<String, String> fields = new HashMap<>(e.fields());
        fields.remove(UNRESOLVED_TUNNEL_INDEX);
        fields.put("peer_source", "get");
        return new TunnelEvent(e.v(), e.kind(), e.layer(), e.device(), peer, e.ikeVersion(), e.mnemonic(),
                e.severity(), fields, e.routerTime(), e.receivedAt(), e.source(), e.transport(),
                summary(e.mnemonic(), peer, fields));
    }

    /** What a person reads as evidence: the notification and what it told, not the raw varbind list. */
    private static String summary(String mnemonic, String peer, Map<String, String> fields) {
        StringBuilder s = new StringBuilder(mnemonic);
        if (peer != null) {
            s.append(" peer ").append(peer);
        }
        new java.util.TreeMap<>(fields).forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }

    /**
     * cikePeerRemoteAddr when it is a 4- or 16-byte IPSIpAddress, else cikePeerRemoteValue as read from the
     * cikePeerTable index of the cikePeerRemoteAddr or cikePeerLocalAddr varbind ({@link CikePeerIndex}).
     */
    private static String peerOf(List<? extends VariableBinding> bindings) {
        String peer = addressIn(bindings, CIKE_PEER_REMOTE_ADDR);
        for (int i = 0; peer == null && i < bindings.size(); i++) {
            OID oid = bindings.get(i).getOid();
            OID column = oid.startsWith(REMOTE_ADDR_COLUMN) ? REMOTE_ADDR_COLUMN
                    : oid.startsWith(LOCAL_ADDR_COLUMN) ? LOCAL_ADDR_COLUMN : null;
            if (column != null && oid.size() > column.size()) {
                peer = CikePeerIndex.remotePeer(java.util.Arrays.copyOfRange(oid.getValue(), column.size(),
                        oid.size()));
            }
        }
        return peer;
    }

    private static final OID REMOTE_ADDR_COLUMN = new OID(CIKE_PEER_REMOTE_ADDR);
    private static final OID LOCAL_ADDR_COLUMN = new OID(CIKE_PEER_LOCAL_ADDR);
    private static final String CIPSEC_TUN_ENTRY_PREFIX = CIPSEC_TUN_ENTRY + ".";
    private static final String CIKE_TUN_ENTRY_PREFIX = CIKE_TUN_ENTRY + ".";
    private static final OID SNMP_TRAP_OID_0_OID = new OID(SNMP_TRAP_OID_0);

    /** The cipSecTunIndex / cikeTunIndex of the first varbind {@code entry.column.index} under {@code entryPrefix}. */
    private static Integer indexOf(List<? extends VariableBinding> bindings, String entryPrefix) {
        for (VariableBinding vb : bindings) {
            String oid = vb.getOid().toDottedString();
            int dot = oid.indexOf('.', entryPrefix.length());
            if (oid.startsWith(entryPrefix) && dot > 0) {
                return parseIndex(oid.substring(dot + 1));
            }
        }
        return null;
    }

    private static Integer parseIndex(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Variable bindingValue(List<? extends VariableBinding> bindings, String oidPrefix) {
        for (VariableBinding vb : bindings) {
            String oid = vb.getOid().toDottedString();
            if (oid.equals(oidPrefix) || oid.startsWith(oidPrefix + ".")) {
                return vb.getVariable();
            }
        }
        return null;
    }

    private static String addressIn(List<? extends VariableBinding> bindings, String column) {
        return bindingValue(bindings, column) instanceof OctetString s ? IpsAddress.canonical(s.getValue()) : null;
    }

    private static String textIn(List<? extends VariableBinding> bindings, String column) {
        return bindingValue(bindings, column) instanceof OctetString s
                ? new String(s.getValue(), StandardCharsets.UTF_8) : null;
    }

    /** The number in an INTEGER, Gauge32/Counter32/TimeTicks or Counter64 varbind; -1 for any other syntax. */
    private static long numberIn(List<? extends VariableBinding> bindings, String column) {
        Variable v = bindingValue(bindings, column);
        // a sender may put any syntax under any OID: Variable.toLong() throws for an OID or an OCTET STRING
        if (v instanceof org.snmp4j.smi.Integer32 i) {
            return i.getValue();
        }
        if (v instanceof org.snmp4j.smi.UnsignedInteger32 u) {
            return u.getValue();
        }
        return v instanceof org.snmp4j.smi.Counter64 c ? c.getValue() : -1;
    }
}
