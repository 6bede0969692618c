package io.tunnelwatch.simulator.trap;

import static io.tunnelwatch.mib.IfMib.*;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.*;


import io.tunnelwatch.mib.MibNotification;
import io.tunnelwatch.mib.SnmpV2Mib;
import io.tunnelwatch.simulator.tunnel.Notification;
import io.tunnelwatch.simulator.tunnel.RouterModel;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends SNMPv2c traps from each router's own address (one socket per router, opened on its first trap) to one
 * receiver: sysUpTime.0 and snmpTrapOID.0 first, then the varbinds docs/cisco-sources.md#ipsec-traps lists for each
 * notification.
 * cikePeer* varbinds are instances of cikePeerTable, indexed by (localType, localValue, remoteType, remoteValue,
 * intIndex) with the DisplayString values length-prefixed in the OID.
 */
public final class TrapSender implements AutoCloseable {

    static final OID SYS_UP_TIME = new OID(SnmpV2Mib.SYS_UP_TIME_0);
    static final OID SNMP_TRAP_OID = new OID(SnmpV2Mib.SNMP_TRAP_OID_0);

    private final UdpAddress receiver;
    private final String community;
    private final Clock clock;
    private final Map<String, Snmp> senders = new ConcurrentHashMap<>();

    public TrapSender(InetSocketAddress receiver, String community, Clock clock) {
        this.receiver = new UdpAddress(receiver.getAddress(), receiver.getPort());
        this.community = community;
        this.clock = clock;
    }

    /** Sends one notification; an I/O failure is returned as false, never thrown (traps are fire-and-forget). */
    public boolean send(RouterModel router, Notification notification) {
        PDU pdu = pdu(notification, SimulationClock.hundredths(router.bootedAt(), clock.instant()));
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(receiver, new OctetString(community));
        target.setVersion(SnmpConstants.version2c);
        try {
            senders.computeIfAbsent(router.address(), TrapSender::open).send(pdu, target);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The v2c trap PDU of a notification. */
    public static PDU pdu(Notification n, long sysUpTimeHundredths) {
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        pdu.add(new VariableBinding(SYS_UP_TIME, new TimeTicks(sysUpTimeHundredths % (1L << 32))));
        if (n instanceof Notification.IkeTunnelStart s) {
            trapOid(pdu, CIKE_TUNNEL_START);
            peerAddresses(pdu, s.local(), s.remote(), s.ikeIndex());
            pdu.add(vb(CIKE_TUN_LIFE_TIME + "." + s.ikeIndex(), new Integer32((int) s.lifetimeSeconds())));
        } else if (n instanceof Notification.IkeTunnelStop s) {
            trapOid(pdu, CIKE_TUNNEL_STOP);
            peerAddresses(pdu, s.local(), s.remote(), s.ikeIndex());
            pdu.add(vb(CIKE_TUN_ACTIVE_TIME + "." + s.ikeIndex(), new TimeTicks(s.activeHundredths())));
        } else if (n instanceof Notification.IpsecTunnelStart s) {
            trapOid(pdu, CIPSEC_TUNNEL_START);
            pdu.add(vb(CIPSEC_TUN_LIFE_TIME + "." + s.tunIndex(), new Integer32((int) s.lifetimeSeconds())));
            pdu.add(vb(CIPSEC_TUN_LIFE_SIZE + "." + s.tunIndex(), new Integer32((int) s.lifeSizeKilobytes())));
        } else if (n instanceof Notification.IpsecTunnelStop s) {
            trapOid(pdu, CIPSEC_TUNNEL_STOP);
            pdu.add(vb(CIPSEC_TUN_ACTIVE_TIME + "." + s.tunIndex(), new TimeTicks(s.activeHundredths())));
        } else if (n instanceof Notification.Link l) {
            trapOid(pdu, l.up() ? SnmpV2Mib.LINK_UP : SnmpV2Mib.LINK_DOWN);
            pdu.add(vb(IF_INDEX + "." + l.ifIndex(), new Integer32(l.ifIndex())));
            pdu.add(vb(IF_ADMIN_STATUS + "." + l.ifIndex(), new Integer32(IF_STATUS_UP)));
            pdu.add(vb(IF_OPER_STATUS + "." + l.ifIndex(), new Integer32(l.up() ? IF_STATUS_UP : IF_STATUS_DOWN)));
            pdu.add(vb(IF_DESCR + "." + l.ifIndex(), new OctetString(l.ifDescr())));
            pdu.add(vb(IF_TYPE + "." + l.ifIndex(), new Integer32(IF_TYPE_TUNNEL)));
        }
        return pdu;
    }

    private static void trapOid(PDU pdu, MibNotification notification) {
        pdu.add(new VariableBinding(SNMP_TRAP_OID, new OID(notification.oid())));
    }

    /** cikePeerLocalAddr and cikePeerRemoteAddr (IPSIpAddress, 4 raw bytes) of the peer row of this IKE tunnel. */
    private static void peerAddresses(PDU pdu, String local, String remote, int intIndex) {
        String index = "." + cikePeerIndex(IKE_PEER_TYPE_IP_ADDR_PEER, local, IKE_PEER_TYPE_IP_ADDR_PEER, remote,
                intIndex);
        pdu.add(vb(CIKE_PEER_LOCAL_ADDR + index, new OctetString(raw(local))));
        pdu.add(vb(CIKE_PEER_REMOTE_ADDR + index, new OctetString(raw(remote))));
    }

    private static VariableBinding vb(String oid, org.snmp4j.smi.Variable value) {
        return new VariableBinding(new OID(oid), value);
    }

    private static byte[] raw(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an address literal: " + address, e);
        }
    }

    private static Snmp open(String address) {
        try {
            Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(address), 0)));
            snmp.listen();
            return snmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a trap socket on " + address, e);
        }
    }

    @Override
    public void close() {
        senders.values().forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        senders.clear();
    }
}
