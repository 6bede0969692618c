package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.simulator.FleetRunner;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code tunnelwatch demo}: the all-in-one with a simulated fleet sending it syslog: 20 routers with 5 tunnels each
 * come up, and one tunnel goes down at both ends after a minute and comes back two minutes later.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The all-in-one with an embedded broker and a simulated fleet of IOS-XE routers (20 routers,"
                + " 5 tunnels each; one tunnel goes down after a minute and comes back two minutes later).")
public final class DemoCommand extends RoleCommand {

    @Mixin
    SyslogOptions syslog;

    @Mixin
    InventoryOptions inventory;

    @Mixin
    SnmpOptions snmpOptions;

    @Override
    SnmpSettings snmp() {
        return snmpOptions.toSettings();
    }

    @Option(names = "--routers", defaultValue = "20", description = "Simulated routers (default: ${DEFAULT-VALUE}).")
    int routers;

    @Option(names = "--peers", defaultValue = "5", description = "Tunnels per router (default: ${DEFAULT-VALUE}).")
    int peers;

    @Override
    public Integer call() throws Exception {
        if (syslog.udp() < 0) {
            throw new ParameterException(spec.commandLine(), "the demo fleet sends syslog over UDP: keep"
                    + " --syslog-udp-port on");
        }
        Fleet fleet;
        try {
            fleet = Fleet.create(routers, peers, Clock.systemUTC(), 1);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return runUntilStopped(syslog, inventory, true, true,
                pipeline -> startFleet(fleet, pipeline.syslogUdpAddress()));
    }

    private static AutoCloseable startFleet(Fleet fleet, InetSocketAddress bound) throws IOException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", bound.getPort());
        SyslogTransmitter transmitter = SyslogTransmitter.open("udp", target);
        FleetRunner runner = new FleetRunner(fleet, transmitter, Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(2));
        Thread thread = new Thread(runner, "simulated-fleet");
        thread.setDaemon(true);
        thread.start();
        System.out.println("  fleet     " + fleet.routers().size() + " simulated routers, " + fleet.tunnelEnds()
                + " tunnel ends sending syslog from 127.0.1.x; one tunnel goes down in 60 s, back 120 s later");
        return () -> {
            runner.stop();
            thread.join(2_000);
            transmitter.close();
        };
    }
}
