package io.tunnelwatch.collector.snmp;

/**
 * A tunnel interface (IF-MIB ifType tunnel(131)) and its remote endpoint (TUNNEL-MIB tunnelIfRemoteInetAddress).
 *
 * @param ifIndex   the IF-MIB ifIndex
 * @param name      ifName, else ifDescr (e.g. {@code Tunnel7})
 * @param operUp    ifOperStatus is up(1)
 * @param remote    canonical remote endpoint, or null when the agent does not fill TUNNEL-MIB
 * @param mtu       IF-MIB ifMtu: the interface MTU of the tunnel (on IOS-XE not its {@code ip mtu}); 0 when unknown
 */
public record TunnelInterface(int ifIndex, String name, boolean operUp, String remote, int mtu) {

    /** A tunnel interface whose ifMtu was not read. */
    public TunnelInterface(int ifIndex, String name, boolean operUp, String remote) {
        this(ifIndex, name, operUp, remote, 0);
    }
}
