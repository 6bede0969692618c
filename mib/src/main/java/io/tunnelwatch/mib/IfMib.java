package io.tunnelwatch.mib;

import static io.tunnelwatch.mib.Oids.column;

/**
 * IF-MIB (RFC 2863): ifTable and ifXTable, both indexed by ifIndex, with the ifType values of IANAifType-MIB that
 * tunnelwatch tells apart (docs/cisco-sources.md#if-mib-and-tunnel-mib). linkUp and linkDown are in
 * {@link SnmpV2Mib}.
 */
public final class IfMib {

    /** ifEntry (interfaces 2, ifTable 2, 1): index ifIndex. */
    public static final String IF_ENTRY = Oids.child(SnmpV2Mib.MIB_2, 2, 2, 1);
    /** ifIndex: a link trap names the interface by the instance of this varbind. */
    public static final String IF_INDEX = column(IF_ENTRY, 1);
    /** ifDescr: the interface name on IOS ("Tunnel0"). */
    public static final String IF_DESCR = column(IF_ENTRY, 2);
    /** ifType: an IANAifType, {@link #IF_TYPE_TUNNEL} for an SVTI. */
    public static final String IF_TYPE = column(IF_ENTRY, 3);
    /** ifMtu: for a Tunnel interface IOS-XE reports the interface MTU ({@code show interfaces}), not {@code ip mtu}. */
    public static final String IF_MTU = column(IF_ENTRY, 4);
    /** ifAdminStatus: {@link #IF_STATUS_UP} or {@link #IF_STATUS_DOWN} (or testing(3)). */
    public static final String IF_ADMIN_STATUS = column(IF_ENTRY, 7);
    /** ifOperStatus: {@link #IF_STATUS_UP}, {@link #IF_STATUS_DOWN}, lowerLayerDown(7) and the like. */
    public static final String IF_OPER_STATUS = column(IF_ENTRY, 8);

    /** ifXEntry (ifMIB 31, ifMIBObjects 1, ifXTable 1, 1): index ifIndex. */
    public static final String IFX_ENTRY = Oids.child(SnmpV2Mib.MIB_2, 31, 1, 1, 1);
    /** ifName: the short interface name. */
    public static final String IF_NAME = column(IFX_ENTRY, 1);

    /** ifAdminStatus and ifOperStatus up(1). */
    public static final int IF_STATUS_UP = 1;
    /** ifAdminStatus and ifOperStatus down(2). */
    public static final int IF_STATUS_DOWN = 2;
    /** IANAifType ethernetCsmacd(6). */
    public static final int IF_TYPE_ETHERNET_CSMACD = 6;
    /** IANAifType tunnel(131): encapsulation interfaces, among them IOS SVTIs ({@code tunnel mode ipsec ipv4}). */
    public static final int IF_TYPE_TUNNEL = 131;

    private IfMib() {
    }
}
