package io.tunnelwatch.mib;

/**
 * A NOTIFICATION-TYPE: the OID a notification carries as its snmpTrapOID.0 value and the name its MIB gives it (the
 * bounded label metrics and events use for it).
 *
 * @param oid  the notification's OID
 * @param name its MIB name, e.g. {@code cikeTunnelStop}
 */
public record MibNotification(String oid, String name) {

    /** The notification {@code number} under {@code parent}, e.g. ciscoIpSecFlowMonitorMIB.2.0 and 2. */
    static MibNotification of(String parent, int number, String name) {
        return new MibNotification(Oids.child(parent, number), name);
    }

    /** Its last sub-identifier: the number under its MIB's notification prefix. */
    public int number() {
        return Integer.parseInt(oid.substring(oid.lastIndexOf('.') + 1));
    }
}
