package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.simulator.FleetRunner;
import io.tunnelwatch.simulator.load.LoadReport;
import io.tunnelwatch.simulator.load.SyslogLoad;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tunnelwatch simulate}: a simulated IOS-XE fleet sending syslog to any collector. With {@code --load RATE}
 * it offers a steady rate of mixed syslog and prints one summary line (for benchmarks); without, it plays a healthy
 * fleet with one scripted tunnel outage until stopped.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "A simulated fleet of IOS-XE routers sending syslog to a collector: a healthy fleet with one"
                + " scripted outage, or --load RATE messages/s for benchmarks.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--collector", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5514",
            description = "Where to send syslog (default: ${DEFAULT-VALUE}).")
    String collector;

    @Option(names = "--transport", defaultValue = "udp", description = "udp or tcp (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--routers", defaultValue = "20", description = "Routers (default: ${DEFAULT-VALUE}).")
    int routers;

    @Option(names = "--peers", defaultValue = "5", description = "Tunnel peers per router (default: ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--seed", defaultValue = "1", description = "Picks header styles and uptimes.")
    long seed;

    @Option(names = "--load", paramLabel = "RATE", description = "Offer RATE messages/s of mixed syslog, then print"
            + " one summary line.")
    Long rate;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "How long to run (default: 10 with --load, until Ctrl-C otherwise).")
    Long durationSeconds;

    @Option(names = "--count", description = "With --load: stop after this many messages.")
    long count;

    @Option(names = "--fault-after", paramLabel = "SECONDS", defaultValue = "60",
            description = "Fleet mode: when the scripted outage starts (default: ${DEFAULT-VALUE}).")
    long faultAfter;

    @Option(names = "--fault-for", paramLabel = "SECONDS", defaultValue = "120",
            description = "Fleet mode: how long it lasts (default: ${DEFAULT-VALUE}).")
    long faultFor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress target = parseTarget();
        Fleet fleet;
        try {
            fleet = Fleet.create(routers, peers, Clock.systemUTC(), seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (SyslogTransmitter transmitter = SyslogTransmitter.open(transport, target)) {
            if (rate != null) {
                LoadReport report = new SyslogLoad(fleet, transmitter).run(rate,
                        Duration.ofSeconds(durationSeconds == null ? 10 : durationSeconds), count, transport,
                        collector);
                System.out.println(report.summaryLine());
                return report.failed() == 0 ? 0 : 1;
            }
            FleetRunner runner = new FleetRunner(fleet, transmitter, Duration.ofSeconds(faultAfter),
                    Duration.ofSeconds(faultFor), Duration.ofSeconds(2));
            Thread thread = new Thread(runner, "simulated-fleet");
            thread.start();
            Runtime.getRuntime().addShutdownHook(new Thread(runner::stop));
            System.out.println("simulating " + fleet.routers().size() + " routers, " + fleet.tunnelEnds()
                    + " tunnel ends, sending " + transport + " syslog to " + collector + "; Ctrl-C stops");
            thread.join(durationSeconds == null ? 0 : Duration.ofSeconds(durationSeconds).toMillis());
            runner.stop();
            thread.join();
            return 0;
        }
    }

    private InetSocketAddress parseTarget() {
        int colon = collector.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(collector.substring(0, colon), Integer.parseInt(collector.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--collector must be HOST:PORT, was '" + collector + "'");
        }
    }
}
