package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.mib.IfMib.*;
import static io.tunnelwatch.mib.IpMib.IP_AD_ENT_IF_INDEX;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_CTRL_ADMIN_TAG;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_ECHO_ADMIN_TARGET_ADDRESS;
import static io.tunnelwatch.mib.RttMonMib.RTT_MON_LATEST_RTT_OPER_SENSE;
import static io.tunnelwatch.mib.TunnelMib.TUNNEL_IF_LOCAL_INET_ADDRESS;
import static io.tunnelwatch.mib.TunnelMib.TUNNEL_IF_REMOTE_INET_ADDRESS;

import io.tunnelwatch.collector.net.IpsAddress;
import io.tunnelwatch.collector.net.PeerAddresses;
import io.tunnelwatch.collector.snmp.TableRow;
import io.tunnelwatch.collector.snmp.TunnelInterface;
import io.tunnelwatch.events.CounterSample.Counters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads walked {@link TableRow}s as cikeTunnelTable, cipSecTunnelTable and tunnel-interface rows. Rows without a
 * usable remote address are skipped: without a peer they cannot be keyed (state is keyed by peer address,
 * docs/architecture.md#topics).
 */
public final class TunnelTables {

    private TunnelTables() {
    }

    public static List<IkeRow> ikeRows(List<TableRow> rows) {
        List<IkeRow> out = new ArrayList<>();
        for (TableRow row : rows) {
            String peer = IpsAddress.canonical(row.bytes(CIKE_TUN_REMOTE_ADDR));
            Integer index = singleIndex(row);
            if (peer != null && index != null) {
                out.add(new IkeRow(index, peer, row.number(CIKE_TUN_STATUS, TUNNEL_STATUS_ACTIVE) == TUNNEL_STATUS_ACTIVE,
                        IpsAddress.canonical(row.bytes(CIKE_TUN_LOCAL_ADDR))));
            }
        }
        return out;
    }

    /** cipSecTunnelTable rows; the HC octet columns win over the Counter32 ones when the agent returns them. */
    public static List<SaRow> saRows(List<TableRow> rows) {
        List<SaRow> out = new ArrayList<>();
        for (TableRow row : rows) {
            String peer = IpsAddress.canonical(row.bytes(CIPSEC_TUN_REMOTE_ADDR));
            Integer index = singleIndex(row);
            if (peer == null || index == null) {
                continue;
            }
            Long hcIn = row.numberOrNull(CIPSEC_TUN_HC_IN_OCTETS);
            Long hcOut = row.numberOrNull(CIPSEC_TUN_HC_OUT_OCTETS);
            boolean hc = hcIn != null && hcOut != null;
            var counters = new Counters(
                    row.number(CIPSEC_TUN_IN_PKTS, 0), row.number(CIPSEC_TUN_OUT_PKTS, 0),
                    hc ? hcIn : row.number(CIPSEC_TUN_IN_OCTETS, 0), hc ? hcOut : row.number(CIPSEC_TUN_OUT_OCTETS, 0),
                    row.number(CIPSEC_TUN_IN_DROP_PKTS, 0), row.number(CIPSEC_TUN_OUT_DROP_PKTS, 0),
                    row.number(CIPSEC_TUN_IN_REPLAY_DROP_PKTS, 0), row.number(CIPSEC_TUN_IN_AUTH_FAILS, 0),
                    row.number(CIPSEC_TUN_IN_DECRYPT_FAILS, 0), row.number(CIPSEC_TUN_OUT_ENCRYPT_FAILS, 0));
            out.add(new SaRow(index, (int) row.number(CIPSEC_TUN_IKE_TUNNEL_INDEX, 0), peer,
                    row.number(CIPSEC_TUN_ACTIVE_TIME, -1), row.number(CIPSEC_TUN_STATUS, TUNNEL_STATUS_ACTIVE)
                    == TUNNEL_STATUS_ACTIVE, hc,
                    counters));
        }
        return out;
    }

    /**
     * The rows of ifType tunnel(131), joined with their TUNNEL-MIB endpoints, with their ifMtu and the interface
     * holding their local address (see {@link #addressHolders}).
     */
    public static List<TunnelInterface> tunnelInterfaces(List<TableRow> rows) {
        Map<String, String> holders = addressHolders(rows);
        List<TunnelInterface> out = new ArrayList<>();
        for (TableRow row : rows) {
            Integer index = singleIndex(row);
            if (index == null || row.number(IF_TYPE, 0) != IF_TYPE_TUNNEL) {
                continue;
            }
            String name = nameOf(row);
            String local = IpsAddress.canonical(row.bytes(TUNNEL_IF_LOCAL_INET_ADDRESS));
            out.add(new TunnelInterface(index, name == null ? "ifIndex" + index : name,
                    row.number(IF_OPER_STATUS, 0) == IF_STATUS_UP,
                    IpsAddress.canonical(row.bytes(TUNNEL_IF_REMOTE_INET_ADDRESS)),
                    (int) Math.max(0, Math.min(Integer.MAX_VALUE, row.number(IF_MTU, 0))),
                    local == null ? null : holders.get(local)));
        }
        return out;
    }

    /**
     * The name of the interface holding each of the router's IPv4 addresses: the ipAddrTable rows among
     * {@code rows} (indexed by the address, ipAdEntIfIndex naming the interface) joined with the ifTable rows.
     */
    public static Map<String, String> addressHolders(List<TableRow> rows) {
        Map<Integer, String> names = new HashMap<>();
        Map<String, Integer> holders = new HashMap<>();
        for (TableRow row : rows) {
            Integer index = singleIndex(row);
            String name = nameOf(row);
            if (index != null && name != null) {
                names.put(index, name);
            } else if (index == null && row.numberOrNull(IP_AD_ENT_IF_INDEX) != null) {
                String address = PeerAddresses.canonical(row.index());
                if (address != null) {
                    holders.put(address, (int) row.number(IP_AD_ENT_IF_INDEX, 0));
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        holders.forEach((address, ifIndex) -> {
            if (names.containsKey(ifIndex)) {
                out.put(address, names.get(ifIndex));
            }
        });
        return out;
    }

    /** ifName, else ifDescr; null when the row has neither. */
    private static String nameOf(TableRow row) {
        byte[] name = row.bytes(IF_NAME) != null ? row.bytes(IF_NAME) : row.bytes(IF_DESCR);
        return name == null ? null : new String(name, StandardCharsets.UTF_8);
    }

    /** IP SLA operations with a target address: rttMonEchoAdminTargetAddress, else a tag that is an address. */
    public static List<SlaProbe> slaProbes(List<TableRow> rows) {
        List<SlaProbe> out = new ArrayList<>();
        for (TableRow row : rows) {
            Integer index = singleIndex(row);
            byte[] tagBytes = row.bytes(RTT_MON_CTRL_ADMIN_TAG);
            String tag = tagBytes == null ? "" : new String(tagBytes, StandardCharsets.UTF_8);
            String target = IpsAddress.canonical(row.bytes(RTT_MON_ECHO_ADMIN_TARGET_ADDRESS));
            if (target == null) {
                target = PeerAddresses.canonical(tag.strip());
            }
            if (index != null && target != null) {
                out.add(new SlaProbe(index, target, tag, (int) row.number(RTT_MON_LATEST_RTT_OPER_SENSE, 0)));
            }
        }
        return out;
    }

    /** cikeFailTable rows: the peer is cikeFailRemoteAddr. */
    public static List<FailureRow> ikeFailures(List<TableRow> rows) {
        List<FailureRow> out = new ArrayList<>();
        for (TableRow row : rows) {
            Integer index = singleIndex(row);
            if (index != null) {
                out.add(new FailureRow(index, (int) row.number(CIKE_FAIL_REASON, 0),
                        IpsAddress.canonical(row.bytes(CIKE_FAIL_REMOTE_ADDR))));
            }
        }
        return out;
    }

    /**
     * cipSecFailTable rows: the peer of the SA the row names (cipSecFailTunnelIndex), else whichever of the failed
     * packet's addresses is not one of the router's own ({@code own}: its interface addresses); null when neither
     * tells.
     */
    public static List<FailureRow> ipsecFailures(List<TableRow> rows, List<SaRow> sas, Set<String> own) {
        Map<Integer, String> saPeers = new HashMap<>();
        sas.forEach(sa -> saPeers.put(sa.tunIndex(), sa.peer()));
        List<FailureRow> out = new ArrayList<>();
        for (TableRow row : rows) {
            Integer index = singleIndex(row);
            if (index == null) {
                continue;
            }
            Long tunnel = row.numberOrNull(CIPSEC_FAIL_TUNNEL_INDEX);
            String peer = tunnel == null ? null : saPeers.get(tunnel.intValue());
            if (peer == null) {
                String src = IpsAddress.canonical(row.bytes(CIPSEC_FAIL_PKT_SRC_ADDR));
                String dst = IpsAddress.canonical(row.bytes(CIPSEC_FAIL_PKT_DST_ADDR));
                if (src != null && dst != null && own.contains(dst) && !own.contains(src)) {
                    peer = src;
                } else if (src != null && dst != null && own.contains(src) && !own.contains(dst)) {
                    peer = dst;
                }
            }
            out.add(new FailureRow(index, (int) row.number(CIPSEC_FAIL_REASON, 0), peer));
        }
        return out;
    }

    private static Integer singleIndex(TableRow row) {
        try {
            return Integer.valueOf(row.index());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
