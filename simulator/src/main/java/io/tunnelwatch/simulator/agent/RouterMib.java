package io.tunnelwatch.simulator.agent;

import static io.tunnelwatch.mib.IfMib.*;
import static io.tunnelwatch.mib.IpMib.IP_AD_ENT_ADDR;
import static io.tunnelwatch.mib.IpMib.IP_AD_ENT_IF_INDEX;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;
import static io.tunnelwatch.mib.TunnelMib.*;

import io.tunnelwatch.mib.CiscoSmi;
import io.tunnelwatch.mib.Oids;
import io.tunnelwatch.mib.SnmpV2Mib;
import io.tunnelwatch.simulator.tunnel.FailureHistory;
import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SecurityAssociation;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
 * one {@code TunnelN} of ifType tunnel(131) per tunnel end), TUNNEL-MIB tunnelIfTable, IP-MIB ipAddrTable (the
 * router's address on GigabitEthernet1, the tunnels' source interface, as {@code tunnel source GigabitEthernet1}
 * gives it on a real router), and from
 * CISCO-IPSEC-FLOW-MONITOR-MIB the cikeTunnelTable (one row per IKE SA) and cipSecTunnelTable (one row per IPsec SA,
 * Counter32 columns modulo 2^32 with their wrap counts, and the Counter64 HC octet columns unless turned off, as on
 * images that lack them), and the failure tables cikeFailTable and cipSecFailTable ({@link FailureHistory}). OIDs as in docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib.
 */
public final class RouterMib {

    static final int PHYSICAL_IF_INDEX = 1;
    /** The sysObjectID served: a product under ciscoProducts, as an IOS-XE virtual router reports one. */
    static final String SYS_OBJECT_ID = Oids.child(CiscoSmi.CISCO_PRODUCTS, 1537);
    /**
     * ifMtu of an IPsec SVTI ({@code tunnel mode ipsec ipv4}): the interface MTU that {@code show interfaces Tunnel}
     * prints on a real router ("MTU 17867 bytes" beside "Tunnel protocol/transport IPSEC/IP"; source in
     * docs/metrics.md), not the {@code ip mtu} (often 1400) that limits the IP packets routed into the tunnel.
     */
    static final int TUNNEL_IF_MTU = 17_867;
    private static final long MOD32 = 1L << 32;

    private final Map<OID, Variable> values = new HashMap<>();

    private RouterMib() {
    }

    /** The router's MIB view at {@code now} (wall clock: TimeTicks and active times count from it). */
    public static OidMap of(RouterModel router, Instant now, boolean hcOctets) {
        RouterMib mib = new RouterMib();
        mib.system(router, now);
        mib.physicalInterface(router);
        for (RouterTunnelEnd end : router.ends()) {
            mib.tunnelInterface(router, end);
            if (end.ikeIndex() != null) {
                mib.ikeRow(router, end, now);
            }
            if (end.sa() != null) {
                mib.ipsecRow(router, end, end.sa(), now, hcOctets);
            }
        }
        mib.failures(router);
        return OidMap.of(mib.values);
    }

    /**
     * cikeFailTable and cipSecFailTable: the router's last failed negotiations. A phase-2 row's addresses are the
     * failed packet's, from the peer to the router; a proposal refused at setup has no SA, hence no cipSecTunnelTable
     * row to point to: no tunnel index.
     */
    private void failures(RouterModel router) {
        failureRows(router, router.failures().phaseOne(), CIKE_FAIL_REASON, CIKE_FAIL_TIME, CIKE_FAIL_REMOTE_ADDR,
                CIKE_FAIL_LOCAL_ADDR);
        failureRows(router, router.failures().phaseTwo(), CIPSEC_FAIL_REASON, CIPSEC_FAIL_TIME,
                CIPSEC_FAIL_PKT_SRC_ADDR, CIPSEC_FAIL_PKT_DST_ADDR);
    }

    private void failureRows(RouterModel router, List<FailureHistory.Failure> failures, String reason, String time,
                             String remote, String local) {
        for (FailureHistory.Failure f : failures) {
            String row = "." + f.index();
            put(reason + row, new Integer32(f.reason()));
            put(time + row, new TimeTicks(SimulationClock.hundredths(router.bootedAt(), f.at()) % MOD32));
            put(remote + row, raw(f.remote()));
            put(local + row, raw(f.local()));
        }
    }

    private void system(RouterModel router, Instant now) {
        put(Oids.scalar(SnmpV2Mib.SYS_DESCR), text("Cisco IOS Software [Dublin], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M),"
                + " Version 17.12.4, RELEASE SOFTWARE (fc1) (simulated by tunnelwatch)"));
        put(Oids.scalar(SnmpV2Mib.SYS_OBJECT_ID), new OID(SYS_OBJECT_ID));
        put(SnmpV2Mib.SYS_UP_TIME_0, new TimeTicks(SimulationClock.hundredths(router.bootedAt(), now) % MOD32));
        put(Oids.scalar(SnmpV2Mib.SYS_NAME), text(router.name()));
    }

    private void physicalInterface(RouterModel router) {
        ifRow(PHYSICAL_IF_INDEX, "GigabitEthernet1", IF_TYPE_ETHERNET_CSMACD, 1500, true);
        InetAddress own = address(router.address());
        if (own instanceof Inet4Address) {
            String row = "." + own.getHostAddress();
            put(IP_AD_ENT_ADDR + row, new IpAddress(own));
            put(IP_AD_ENT_IF_INDEX + row, new Integer32(PHYSICAL_IF_INDEX));
        }
    }

    private void tunnelInterface(RouterModel router, RouterTunnelEnd end) {
        ifRow(end.ifIndex(), end.interfaceName(), IF_TYPE_TUNNEL, TUNNEL_IF_MTU, end.interfaceUp());
        String row = "." + end.ifIndex();
        put(TUNNEL_IF_LOCAL_ADDRESS + row, new IpAddress(address(router.address())));
        put(TUNNEL_IF_REMOTE_ADDRESS + row, new IpAddress(address(end.peer())));
        put(TUNNEL_IF_ADDRESS_TYPE + row, new Integer32(INET_ADDRESS_TYPE_IPV4));
        put(TUNNEL_IF_LOCAL_INET_ADDRESS + row, raw(router.address()));
        put(TUNNEL_IF_REMOTE_INET_ADDRESS + row, raw(end.peer()));
    }

    private void ifRow(int ifIndex, String name, int type, int mtu, boolean up) {
        String row = "." + ifIndex;
        put(IF_INDEX + row, new Integer32(ifIndex));
        put(IF_DESCR + row, text(name));
        put(IF_TYPE + row, new Integer32(type));
        put(IF_MTU + row, new Integer32(mtu));
        put(IF_ADMIN_STATUS + row, new Integer32(IF_STATUS_UP));
        put(IF_OPER_STATUS + row, new Integer32(up ? IF_STATUS_UP : IF_STATUS_DOWN));
        put(IF_NAME + row, text(name));
    }

    private void ikeRow(RouterModel router, RouterTunnelEnd end, Instant now) {
        String row = "." + end.ikeIndex();
        put(CIKE_TUN_LOCAL_TYPE + row, new Integer32(IKE_PEER_TYPE_IP_ADDR_PEER));
        put(CIKE_TUN_LOCAL_VALUE + row, text(router.address()));
        put(CIKE_TUN_LOCAL_ADDR + row, raw(router.address()));
        put(CIKE_TUN_REMOTE_TYPE + row, new Integer32(IKE_PEER_TYPE_IP_ADDR_PEER));
        put(CIKE_TUN_REMOTE_VALUE + row, text(end.peer()));
        put(CIKE_TUN_REMOTE_ADDR + row, raw(end.peer()));
        put(CIKE_TUN_LIFE_TIME + row, new Integer32((int) SimulatedTunnel.IKE_LIFETIME_SECONDS));
        put(CIKE_TUN_ACTIVE_TIME + row, new TimeTicks(SimulationClock.hundredths(end.ikeSince(), now) % MOD32));
        put(CIKE_TUN_STATUS + row, new Integer32(TUNNEL_STATUS_ACTIVE));
    }

    private void ipsecRow(RouterModel router, RouterTunnelEnd end, SecurityAssociation sa, Instant now, boolean hc) {
        String row = "." + sa.tunIndex();
        put(CIPSEC_TUN_IKE_TUNNEL_INDEX + row, new Integer32(sa.ikeIndex()));
        put(CIPSEC_TUN_IKE_TUNNEL_ALIVE + row, new Integer32(SnmpV2Mib.TRUTH_VALUE_TRUE));
        put(CIPSEC_TUN_LOCAL_ADDR + row, raw(router.address()));
        put(CIPSEC_TUN_REMOTE_ADDR + row, raw(end.peer()));
        put(CIPSEC_TUN_KEY_TYPE + row, new Integer32(KEY_TYPE_IKE));
        put(CIPSEC_TUN_ENCAP_MODE + row, new Integer32(ENCAP_MODE_TUNNEL));
        put(CIPSEC_TUN_LIFE_SIZE + row, new Integer32(4_608_000));
        put(CIPSEC_TUN_LIFE_TIME + row, new Integer32((int) SimulatedTunnel.IPSEC_LIFETIME_SECONDS));
        put(CIPSEC_TUN_ACTIVE_TIME + row, new TimeTicks(SimulationClock.hundredths(sa.createdAt(), now) % MOD32));
        octets(CIPSEC_TUN_IN_OCTETS, CIPSEC_TUN_HC_IN_OCTETS, CIPSEC_TUN_IN_OCT_WRAPS, sa.inOctets(), row, hc);
        put(CIPSEC_TUN_IN_PKTS + row, c32(sa.inPkts()));
        put(CIPSEC_TUN_IN_DROP_PKTS + row, c32(sa.inDrops()));
        put(CIPSEC_TUN_IN_REPLAY_DROP_PKTS + row, c32(sa.inReplayDrops()));
        put(CIPSEC_TUN_IN_AUTHS + row, c32(sa.inPkts()));
        put(CIPSEC_TUN_IN_AUTH_FAILS + row, c32(sa.inAuthFails()));
        put(CIPSEC_TUN_IN_DECRYPTS + row, c32(sa.inPkts()));
        put(CIPSEC_TUN_IN_DECRYPT_FAILS + row, c32(sa.inDecryptFails()));
        octets(CIPSEC_TUN_OUT_OCTETS, CIPSEC_TUN_HC_OUT_OCTETS, CIPSEC_TUN_OUT_OCT_WRAPS, sa.outOctets(), row, hc);
        put(CIPSEC_TUN_OUT_PKTS + row, c32(sa.outPkts()));
        put(CIPSEC_TUN_OUT_DROP_PKTS + row, c32(sa.outDrops()));
        put(CIPSEC_TUN_OUT_AUTHS + row, c32(sa.outPkts()));
        put(CIPSEC_TUN_OUT_AUTH_FAILS + row, c32(0));
        put(CIPSEC_TUN_OUT_ENCRYPTS + row, c32(sa.outPkts()));
        put(CIPSEC_TUN_OUT_ENCRYPT_FAILS + row, c32(sa.outEncryptFails()));
        put(CIPSEC_TUN_STATUS + row, new Integer32(TUNNEL_STATUS_ACTIVE));
    }

    /** Octets (Counter32), HC octets (Counter64, unless turned off) and octet wraps of one direction. */
    private void octets(String octets, String hcOctets, String wraps, long total, String row, boolean hc) {
        put(octets + row, c32(total));
        if (hc) {
            put(hcOctets + row, new Counter64(total));
        }
        put(wraps + row, c32(total / MOD32));
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
