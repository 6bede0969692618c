package io.tunnelwatch.mib;

/**
 * SNMPv2-MIB (RFC 3418): the system group, snmpTrapOID and the generic notifications under snmpTraps, among them
 * IF-MIB's linkDown and linkUp (docs/cisco-sources.md#if-mib-and-tunnel-mib); mib-2, the root of the IETF MIBs; and
 * SNMPv2-TC's TruthValue.
 */
public final class SnmpV2Mib {

    /** mib-2 (SNMPv2-SMI): the root of system, interfaces, ifMIB and transmission. */
    public static final String MIB_2 = "1.3.6.1.2.1";

    /** system (mib-2 1). */
    public static final String SYSTEM = Oids.child(MIB_2, 1);
    /** sysDescr: the image's banner. */
    public static final String SYS_DESCR = Oids.child(SYSTEM, 1);
    /** sysObjectID: the product, an OID below ciscoProducts on a Cisco router. */
    public static final String SYS_OBJECT_ID = Oids.child(SYSTEM, 2);
    /** sysUpTime: TimeTicks since the agent started. */
    public static final String SYS_UP_TIME = Oids.child(SYSTEM, 3);
    /** sysUpTime.0: the first varbind of every SNMPv2 notification. */
    public static final String SYS_UP_TIME_0 = Oids.scalar(SYS_UP_TIME);
    /** sysName: the configured host name. */
    public static final String SYS_NAME = Oids.child(SYSTEM, 5);

    /** snmpTrapOID (snmpTrap 1): its instance names the notification. */
    public static final String SNMP_TRAP_OID = "1.3.6.1.6.3.1.1.4.1";
    /** snmpTrapOID.0: the second varbind of every SNMPv2 notification. */
    public static final String SNMP_TRAP_OID_0 = Oids.scalar(SNMP_TRAP_OID);
    /** snmpTraps: the generic notifications; coldStart(1) ... authenticationFailure(5) as SNMPv1 numbered them. */
    public static final String SNMP_TRAPS = "1.3.6.1.6.3.1.1.5";
    /** linkDown (IF-MIB, snmpTraps 3): varbinds ifIndex, ifAdminStatus, ifOperStatus. */
    public static final MibNotification LINK_DOWN = MibNotification.of(SNMP_TRAPS, 3, "linkDown");
    /** linkUp (IF-MIB, snmpTraps 4): varbinds ifIndex, ifAdminStatus, ifOperStatus. */
    public static final MibNotification LINK_UP = MibNotification.of(SNMP_TRAPS, 4, "linkUp");

    /** SNMPv2-TC TruthValue true(1). */
    public static final int TRUTH_VALUE_TRUE = 1;
    /** SNMPv2-TC TruthValue false(2). */
    public static final int TRUTH_VALUE_FALSE = 2;

    private SnmpV2Mib() {
    }

    /**
     * The snmpTrapOID of an SNMPv1 generic trap (RFC 3584 §3.1: snmpTraps.(generic-trap + 1)). Never throws: a
     * sender's out-of-range number gives an OID that matches nothing.
     */
    public static String genericTrap(int genericTrap) {
        return SNMP_TRAPS + "." + (genericTrap + 1L);
    }

    /** The snmpTrapOID of an SNMPv1 enterprise-specific trap (RFC 3584 §3.1: enterprise.0.specific-trap). */
    public static String enterpriseSpecificTrap(String enterprise, int specificTrap) {
        return enterprise + ".0." + specificTrap;
    }
}
