package io.tunnelwatch.launcher.allinone;

import java.io.PrintStream;
import java.net.InetSocketAddress;

/** The lines printed once everything serves: where to send syslog, where Kafka is, where the metrics are. */
public final class ReadyBanner {

    private ReadyBanner() {
    }

    public static void print(PrintStream out, String role, Pipeline pipeline, PipelineConfig config) {
        out.println("tunnelwatch " + role + " is ready");
        if (pipeline.syslogUdpAddress() != null || pipeline.syslogTcpAddress() != null) {
            out.println("  syslog    " + describe("udp", pipeline.syslogUdpAddress()) + "  "
                    + describe("tcp", pipeline.syslogTcpAddress()) + "  "
                    + describe("tls", pipeline.syslogTlsAddress()));
        if (pipeline.trapAddress() != null) {
            out.println("  snmp      " + describe("traps udp", pipeline.trapAddress()) + ", polling the inventory's"
                    + " devices");
        }
        }
        out.println("  kafka     " + pipeline.bootstrapServers() + (pipeline.embeddedBroker()
                ? " (embedded, data in " + config.dataDirectory().toAbsolutePath().normalize() + ")"
                : ""));
        InetSocketAddress http = pipeline.httpAddress();
        out.println("  metrics   " + config.httpSecurity().scheme() + "://" + http.getHostString() + ":" + http.getPort()
                + "/metrics" + (config.httpSecurity().access().requiresCredentials()
                        ? " (credentials required; /healthz and /readyz open)" : ""));
        out.flush();
    }

    private static String describe(String transport, InetSocketAddress address) {
        if (address == null) {
            return transport + " off";
        }
        String host = address.getAddress() != null && address.getAddress().isAnyLocalAddress()
                ? "0.0.0.0" : address.getHostString();
        return transport + " " + host + ":" + address.getPort();
    }
}
