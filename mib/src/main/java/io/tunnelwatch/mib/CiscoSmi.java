package io.tunnelwatch.mib;

/**
 * CISCO-SMI: the roots under which Cisco registers its products and management MIBs
 * (docs/cisco-sources.md#where-the-mib-files-come-from).
 */
public final class CiscoSmi {

    /** cisco (enterprises 9). */
    public static final String CISCO = "1.3.6.1.4.1.9";
    /** ciscoProducts: the sysObjectID values of Cisco devices sit below it. */
    public static final String CISCO_PRODUCTS = Oids.child(CISCO, 1);
    /** ciscoMgmt: the root of CISCO-IPSEC-FLOW-MONITOR-MIB (171), CISCO-RTTMON-MIB (42) and the like. */
    public static final String CISCO_MGMT = Oids.child(CISCO, 9);

    private CiscoSmi() {
    }
}
