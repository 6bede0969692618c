package io.tunnelwatch.mib;

import static io.tunnelwatch.mib.Oids.column;

/**
 * TUNNEL-MIB (RFC 4087): tunnelIfTable, one row per tunnel interface, indexed by the IF-MIB ifIndex
 * (docs/cisco-sources.md#if-mib-and-tunnel-mib).
 */
public final class TunnelMib {

    /** tunnelIfEntry (transmission 131, tunnelMIBObjects 1, tunnel 1, tunnelIfTable 1, 1): index ifIndex. */
    public static final String TUNNEL_IF_ENTRY = Oids.child(SnmpV2Mib.MIB_2, 10, 131, 1, 1, 1, 1);
    /** tunnelIfLocalAddress (deprecated IpAddress): the local IPv4 endpoint. */
    public static final String TUNNEL_IF_LOCAL_ADDRESS = column(TUNNEL_IF_ENTRY, 1);
    /** tunnelIfRemoteAddress (deprecated IpAddress): the remote IPv4 endpoint. */
    public static final String TUNNEL_IF_REMOTE_ADDRESS = column(TUNNEL_IF_ENTRY, 2);
    /** tunnelIfEncapsMethod. */
    public static final String TUNNEL_IF_ENCAPS_METHOD = column(TUNNEL_IF_ENTRY, 3);
    /** tunnelIfAddressType: the InetAddressType of the two InetAddress columns. */
    public static final String TUNNEL_IF_ADDRESS_TYPE = column(TUNNEL_IF_ENTRY, 8);
    /** tunnelIfLocalInetAddress: raw 4 or 16 octets. */
    public static final String TUNNEL_IF_LOCAL_INET_ADDRESS = column(TUNNEL_IF_ENTRY, 9);
    /** tunnelIfRemoteInetAddress: the peer end of the tunnel, raw 4 or 16 octets. */
    public static final String TUNNEL_IF_REMOTE_INET_ADDRESS = column(TUNNEL_IF_ENTRY, 10);

    /** INET-ADDRESS-MIB InetAddressType ipv4(1). */
    public static final int INET_ADDRESS_TYPE_IPV4 = 1;
    /** INET-ADDRESS-MIB InetAddressType ipv6(2). */
    public static final int INET_ADDRESS_TYPE_IPV6 = 2;

    private TunnelMib() {
    }
}
