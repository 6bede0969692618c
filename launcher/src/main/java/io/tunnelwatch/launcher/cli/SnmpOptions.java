package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import picocli.CommandLine.Option;

/** The SNMP trap receiver and poller; which devices are polled comes from the inventory. */
public final class SnmpOptions {

    @Option(names = "--trap-host", defaultValue = "0.0.0.0",
            description = "Address the SNMP trap/inform receiver binds (default: ${DEFAULT-VALUE}).")
    public String trapHost;

    @Option(names = "--trap-port", defaultValue = "1162",
            description = "UDP port of the SNMP trap/inform receiver (default: ${DEFAULT-VALUE}); -1 = off.")
    public int trapPort;

    @Option(names = "--snmp-max-polls-in-flight", defaultValue = "64",
            description = "SNMP polls running at once across all devices (default: ${DEFAULT-VALUE}).")
    public int maxPollsInFlight;

    public SnmpSettings toSettings() {
        return new SnmpSettings(trapHost, trapPort, maxPollsInFlight);
    }
}
