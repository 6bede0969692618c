package io.tunnelwatch.simulator.tunnel;

/** Where what a simulated router says goes: its syslog messages and its SNMP notifications. Must not block long. */
public interface WireOutput {

    /** One Cisco message, {@code %FAC-SEV-MNEM: text} (or a debug line), from {@code router}. */
    void syslog(RouterModel router, String message);

    /** One notification from {@code router}. */
    void notify(RouterModel router, Notification notification);
}
