package io.tunnelwatch.collector.syslog;

/**
 * The remote endpoint of a device's tunnel interface as the last SNMP poll saw it (TUNNEL-MIB
 * tunnelIfRemoteInetAddress joined to IF-MIB ifName), for messages about a tunnel the inventory does not map.
 * Kept apart from the poller so that syslog reading does not depend on SNMP; the collector wires one to the other.
 */
@FunctionalInterface
public interface PolledTunnels {

    /** Knows no tunnel: without polls, only the inventory maps tunnels. */
    PolledTunnels NONE = (device, interfaceName) -> null;

    /** The canonical remote address of {@code interfaceName} on {@code device}, or null when unknown. */
    String remoteOf(String device, String interfaceName);
}
