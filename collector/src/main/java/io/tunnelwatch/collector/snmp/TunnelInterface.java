package io.tunnelwatch.collector.snmp;

/**
 * A tunnel interface (IF-MIB ifType tunnel(131)) and its remote endpoint (TUNNEL-MIB tunnelIfRemoteInetAddress).
 *
 * @param ifIndex   the IF-MIB ifIndex
 * @param name      ifName, else ifDescr (e.g. {@code Tunnel7})
 * @param operUp    ifOperStatus is up(1)
 * @param remote    canonical remote endpoint, or null when the agent does not fill TUNNEL-MIB
 */
public record TunnelInterface(int ifIndex, String name, boolean operUp, String remote) {
}
