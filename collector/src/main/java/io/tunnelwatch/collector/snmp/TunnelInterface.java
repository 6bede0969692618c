package io.tunnelwatch.collector.snmp;

/**
 * A tunnel interface (IF-MIB ifType tunnel(131)) and its remote endpoint (TUNNEL-MIB tunnelIfRemoteInetAddress)
 * and the interface it is sourced from.
 *
 * @param ifIndex   the IF-MIB ifIndex
 * @param name      ifName, else ifDescr (e.g. {@code Tunnel7})
 * @param operUp    ifOperStatus is up(1)
 * @param remote    canonical remote endpoint, or null when the agent does not fill TUNNEL-MIB
 * @param mtu       IF-MIB ifMtu: the interface MTU of the tunnel (on IOS-XE not its {@code ip mtu}); 0 when unknown
 * @param source    the interface the tunnel is sourced from: the one holding its TUNNEL-MIB tunnelIfLocalInetAddress
 *                  (IP-MIB ipAdEntIfIndex, then its ifName or ifDescr); null when the agent does not tell
 */
public record TunnelInterface(int ifIndex, String name, boolean operUp, String remote, int mtu, String source) {

    /** A tunnel interface whose source interface was not learned. */
    public TunnelInterface(int ifIndex, String name, boolean operUp, String remote, int mtu) {
        this(ifIndex, name, operUp, remote, mtu, null);
    }

    /** A tunnel interface whose ifMtu was not read. */
    public TunnelInterface(int ifIndex, String name, boolean operUp, String remote) {
        this(ifIndex, name, operUp, remote, 0);
    }
}
