package io.tunnelwatch.launcher.cli;

import picocli.CommandLine.Option;

/** The syslog listeners. */
public final class SyslogOptions {

    @Option(names = "--syslog-host", defaultValue = "0.0.0.0",
            description = "Address the syslog listeners bind (default: ${DEFAULT-VALUE}, every interface).")
    public String host;

    @Option(names = "--syslog-port", defaultValue = "5514",
            description = "Syslog port, UDP and TCP (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--syslog-udp-port", description = "UDP port when it differs from --syslog-port; -1 = off.")
    public Integer udpPort;

    @Option(names = "--syslog-tcp-port", description = "TCP port when it differs from --syslog-port; -1 = off.")
    public Integer tcpPort;

    @Option(names = "--syslog-max-frame", paramLabel = "BYTES", defaultValue = "65536",
            description = "Longest TCP syslog frame; longer ones are discarded and counted (default: ${DEFAULT-VALUE}).")
    public int maxFrame;

    /** No listeners: for roles without a collector. */
    static SyslogOptions off() {
        SyslogOptions none = new SyslogOptions();
        none.host = "0.0.0.0";
        none.port = -1;
        none.maxFrame = 65_536;
        return none;
    }

    public int udp() {
        return udpPort != null ? udpPort : port;
    }

    public int tcp() {
        return tcpPort != null ? tcpPort : port;
    }
}
