package io.tunnelwatch.mib;

import static io.tunnelwatch.mib.Oids.column;

/**
 * IP-MIB (RFC 4293): ipAddrTable, one row per IPv4 address of the router, indexed by the address itself; its
 * ipAdEntIfIndex names the interface that holds the address (docs/cisco-sources.md#if-mib-and-tunnel-mib). The
 * table is deprecated in favour of ipAddressTable, and IOS-XE serves both.
 */
public final class IpMib {

    /** ipAddrEntry (ip 4, ipAddrTable 20, 1): index ipAdEntAddr, the four octets of the address. */
    public static final String IP_ADDR_ENTRY = Oids.child(SnmpV2Mib.MIB_2, 4, 20, 1);
    /** ipAdEntAddr: the address of this row. */
    public static final String IP_AD_ENT_ADDR = column(IP_ADDR_ENTRY, 1);
    /** ipAdEntIfIndex: the IF-MIB ifIndex of the interface that holds the address. */
    public static final String IP_AD_ENT_IF_INDEX = column(IP_ADDR_ENTRY, 2);

    private IpMib() {
    }
}
