package io.tunnelwatch.simulator.tunnel;

/**
 * A notification a simulated router sends (docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib): the
 * CISCO-IPSEC-FLOW-MONITOR-MIB tunnel start/stop
 * notifications and IF-MIB linkUp/linkDown, with the values their varbinds carry.
 */
public sealed interface Notification {

    /** cikeTunnelStart (.2.0.1): cikePeerLocalAddr, cikePeerRemoteAddr, cikeTunLifeTime. */
    record IkeTunnelStart(int ikeIndex, String local, String remote, long lifetimeSeconds) implements Notification {
    }

    /** cikeTunnelStop (.2.0.2): cikePeerLocalAddr, cikePeerRemoteAddr, cikeTunActiveTime. */
    record IkeTunnelStop(int ikeIndex, String local, String remote, long activeHundredths) implements Notification {
    }

    /** cipSecTunnelStart (.2.0.7): cipSecTunLifeTime, cipSecTunLifeSize; no peer address. */
    record IpsecTunnelStart(int tunIndex, long lifetimeSeconds, long lifeSizeKilobytes) implements Notification {
    }

    /** cipSecTunnelStop (.2.0.8): cipSecTunActiveTime; no peer address. */
    record IpsecTunnelStop(int tunIndex, long activeHundredths) implements Notification {
    }

    /** linkUp / linkDown (snmpTraps.4 / .3): ifIndex, ifAdminStatus, ifOperStatus, then Cisco's ifDescr, ifType. */
    record Link(boolean up, int ifIndex, String ifDescr) implements Notification {
    }
}
