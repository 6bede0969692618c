package io.tunnelwatch.simulator.agent;

import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SecurityAssociation;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * What one router's agent serves at one instant: SNMPv2-MIB system, IF-MIB ifTable/ifXTable (GigabitEthernet1 and
 * one {@code TunnelN} of ifType tunnel(131) per tunnel end), TUNNEL-MIB tunnelIfTable, and from
 * CISCO-IPSEC-FLOW-MONITOR-MIB the cikeTunnelTable (one row per IKE SA) and cipSecTunnelTable (one row per IPsec SA,
 * Counter32 columns modulo 2^32 with their wrap counts, and the Counter64 HC octet columns unless turned off, as on
 * images that lack them). OIDs as in docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib.
 */
public final class RouterMib {

    static final String SYSTEM = "1.3.6.1.2.1.1";
    static final String IF_ENTRY = "1.3.6.1.2.1.2.2.1";
    static final String IFX_ENTRY = "1.3.6.1.2.1.31.1.1.1";
    static final String TUNNEL_IF_ENTRY = "1.3.6.1.2.1.10.131.1.1.1.1";
    static final String CIKE_TUN_ENTRY = "1.3.6.1.4.1.9.9.171.1.2.3.1";
    static final String CIPSEC_TUN_ENTRY = "1.3.6.1.4.1.9.9.171.1.3.2.1";
    static final int PHYSICAL_IF_INDEX = 1;
    /**
     * ifMtu of an IPsec SVTI ({@code tunnel mode ipsec ipv4}): the interface MTU that {@code show interfaces Tunnel}
     * prints on a real router ("MTU 17867 bytes" beside "Tunnel protocol/transport IPSEC/IP"; source in
     * docs/metrics.md), not the {@code ip mtu} (often 1400) that limits the IP packets routed into the tunnel.
     */
    static final int TUNNEL_IF_MTU = 17_867;
    private static final long MOD32 = 1L << 32;
    private static final int UP = 1;
    private static final int DOWN = 2;

    private final Map<OID, Variable> values = new HashMap<>();

    private RouterMib() {
    }

    /** The router's MIB view at {@code now} (wall clock: TimeTicks and active times count from it). */
    public static OidMap of(RouterModel router, Instant now, boolean hcOctets) {
        RouterMib mib = new RouterMib();
        mib.system(router, now);
        mib.physicalInterface();
        for (RouterTunnelEnd end : router.ends()) {
            mib.tunnelInterface(router, end);
            if (end.ikeIndex() != null) {
                mib.ikeRow(router, end, now);
            }
            if (end.sa() != null) {
                mib.ipsecRow(router, end, end.sa(), now, hcOctets);
            }
        }
        return OidMap.of(mib.values);
    }

    private void system(RouterModel router, Instant now) {
        put(SYSTEM + ".1.0", text("Cisco IOS Software [Dublin], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M),"
                + " Version 17.12.4, RELEASE SOFTWARE (fc1) (simulated by tunnelwatch)"));
        put(SYSTEM + ".2.0", new OID("1.3.6.1.4.1.9.1.1537"));
        put(SYSTEM + ".3.0", new TimeTicks(SimulationClock.hundredths(router.bootedAt(), now) % MOD32));
        put(SYSTEM + ".5.0", text(router.name()));
    }

    private void physicalInterface() {
        ifRow(PHYSICAL_IF_INDEX, "GigabitEthernet1", 6, 1500, true);
    }

    private void tunnelInterface(RouterModel router, RouterTunnelEnd end) {
        ifRow(end.ifIndex(), end.interfaceName(), 131, TUNNEL_IF_MTU, end.interfaceUp());
        String row = "." + end.ifIndex();
        put(TUNNEL_IF_ENTRY + ".1" + row, new IpAddress(address(router.address())));
        put(TUNNEL_IF_ENTRY + ".2" + row, new IpAddress(address(end.peer())));
        put(TUNNEL_IF_ENTRY + ".8" + row, new Integer32(1));
        put(TUNNEL_IF_ENTRY + ".9" + row, raw(router.address()));
        put(TUNNEL_IF_ENTRY + ".10" + row, raw(end.peer()));
    }

    private void ifRow(int ifIndex, String name, int type, int mtu, boolean up) {
        String row = "." + ifIndex;
        put(IF_ENTRY + ".1" + row, new Integer32(ifIndex));
        put(IF_ENTRY + ".2" + row, text(name));
        put(IF_ENTRY + ".3" + row, new Integer32(type));
        put(IF_ENTRY + ".4" + row, new Integer32(mtu));
        put(IF_ENTRY + ".7" + row, new Integer32(UP));
        put(IF_ENTRY + ".8" + row, new Integer32(up ? UP : DOWN));
        put(IFX_ENTRY + ".1" + row, text(name));
    }

    private void ikeRow(RouterModel router, RouterTunnelEnd end, Instant now) {
        String row = "." + end.ikeIndex();
        put(CIKE_TUN_ENTRY + ".2" + row, new Integer32(1));
        put(CIKE_TUN_ENTRY + ".3" + row, text(router.address()));
        put(CIKE_TUN_ENTRY + ".4" + row, raw(router.address()));
        put(CIKE_TUN_ENTRY + ".6" + row, new Integer32(1));
        put(CIKE_TUN_ENTRY + ".7" + row, text(end.peer()));
        put(CIKE_TUN_ENTRY + ".8" + row, raw(end.peer()));
        put(CIKE_TUN_ENTRY + ".15" + row, new Integer32((int) SimulatedTunnel.IKE_LIFETIME_SECONDS));
        put(CIKE_TUN_ENTRY + ".16" + row, new TimeTicks(SimulationClock.hundredths(end.ikeSince(), now) % MOD32));
        put(CIKE_TUN_ENTRY + ".35" + row, new Integer32(1));
    }

    private void ipsecRow(RouterModel router, RouterTunnelEnd end, SecurityAssociation sa, Instant now, boolean hc) {
        String row = "." + sa.tunIndex();
        put(col(2, row), new Integer32(sa.ikeIndex()));
        put(col(3, row), new Integer32(1));
        put(col(4, row), raw(router.address()));
        put(col(5, row), raw(end.peer()));
        put(col(6, row), new Integer32(1));
        put(col(7, row), new Integer32(1));
        put(col(8, row), new Integer32(4_608_000));
        put(col(9, row), new Integer32((int) SimulatedTunnel.IPSEC_LIFETIME_SECONDS));
        put(col(10, row), new TimeTicks(SimulationClock.hundredths(sa.createdAt(), now) % MOD32));
        octets(26, sa.inOctets(), row, hc);
        put(col(32, row), c32(sa.inPkts()));
        put(col(33, row), c32(sa.inDrops()));
        put(col(34, row), c32(sa.inReplayDrops()));
        put(col(35, row), c32(sa.inPkts()));
        put(col(36, row), c32(sa.inAuthFails()));
        put(col(37, row), c32(sa.inPkts()));
        put(col(38, row), c32(sa.inDecryptFails()));
        octets(39, sa.outOctets(), row, hc);
        put(col(45, row), c32(sa.outPkts()));
        put(col(46, row), c32(sa.outDrops()));
        put(col(47, row), c32(sa.outPkts()));
        put(col(48, row), c32(0));
        put(col(49, row), c32(sa.outPkts()));
        put(col(50, row), c32(sa.outEncryptFails()));
        put(col(51, row), new Integer32(1));
    }

    /** Octets (first), HC octets (+1, Counter64) and octet wraps (+2) of one direction. */
    private void octets(int column, long total, String row, boolean hc) {
        put(col(column, row), c32(total));
        if (hc) {
            put(col(column + 1, row), new Counter64(total));
        }
        put(col(column + 2, row), c32(total / MOD32));
    }

    private static String col(int column, String row) {
        return CIPSEC_TUN_ENTRY + "." + column + row;
    }

    private void put(String oid, Variable value) {
        values.put(new OID(oid), value);
    }

    private static Counter32 c32(long total) {
        return new Counter32(total % MOD32);
    }

    private static OctetString text(String s) {
        return new OctetString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** IPSIpAddress / InetAddress: the raw 4 (or 16) address bytes, not dotted text. */
    private static OctetString raw(String address) {
        return new OctetString(address(address).getAddress());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }
}
