package io.tunnelwatch.collector.config;

/**
 * The SNMP side of the collector. Which devices are polled, and with which credentials, comes from the inventory.
 *
 * @param trapHost         address the trap/inform receiver binds
 * @param trapPort         its UDP port (1162 by default, unprivileged); 0 picks a free one; negative turns it off
 * @param maxPollsInFlight polls running at once across all devices; a due poll over the limit is skipped, counted
 */
public record SnmpSettings(String trapHost, int trapPort, int maxPollsInFlight) {

    public static final int DEFAULT_TRAP_PORT = 1162;

    public SnmpSettings {
        if (maxPollsInFlight < 1) {
            throw new IllegalArgumentException("--snmp-max-polls-in-flight must be at least 1, was "
                    + maxPollsInFlight);
        }
        if (trapPort > 65_535) {
            throw new IllegalArgumentException("--trap-port must be a port number, was " + trapPort);
        }
    }

    /** Traps on 0.0.0.0:1162, 64 polls in flight. */
    public static SnmpSettings defaults() {
        return new SnmpSettings("0.0.0.0", DEFAULT_TRAP_PORT, 64);
    }

    /** No trap receiver (tests and roles without SNMP); polling still follows the inventory. */
    public static SnmpSettings trapsOff() {
        return new SnmpSettings("0.0.0.0", -1, 64);
    }
}
