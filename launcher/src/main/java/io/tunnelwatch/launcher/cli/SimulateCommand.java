package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioRun;
import io.tunnelwatch.simulator.load.LoadReport;
import io.tunnelwatch.simulator.load.SyslogLoad;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tunnelwatch simulate}: a simulated IOS-XE fleet against any collector. With {@code --load RATE} it offers
 * a steady rate of mixed syslog and prints one summary line (for benchmarks); otherwise it plays a scenario (syslog,
 * traps, SNMP agents, scripted faults) until it ends or is stopped.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "A simulated fleet of IOS-XE routers against a collector: a fault scenario (syslog, v2c traps,"
                + " SNMP agents on 127.0.1.x), or --load RATE messages/s of syslog for benchmarks.")
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
            + " one summary line. Connections are opened and the generator warmed up (lines rendered, none sent)"
            + " before the first message; a 'load: ready' line says when.")
    Long rate;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "With --load: how long to run (default: 10).")
    Long durationSeconds;

    @Option(names = "--count", description = "With --load: stop after this many messages.")
    long count;

    @Option(names = "--network", paramLabel = "A.B.C", defaultValue = Fleet.DEFAULT_NETWORK,
            description = "With --load: the routers send from A.B.C.1, A.B.C.2, … and are named load-A-B-C-01, …"
                    + " (default: ${DEFAULT-VALUE}, the scenario fleet's addresses and names rtr-01, …); another"
                    + " network, e.g. 127.0.2, runs a load beside a scenario without touching its devices.")
    String network;

    @Option(names = "--scenario", defaultValue = "demo",
            description = "Scenario mode: a YAML file or a built-in name (demo, every-fault, soak; default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(names = "--trap-receiver", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:1162",
            description = "Scenario mode: where the routers send traps (default: ${DEFAULT-VALUE}).")
    String trapReceiver;

    @Option(names = "--write-inventory", paramLabel = "FILE",
            description = "Scenario mode: write the inventory of the fleet (devices, SNMP agents, expected peers) for"
                    + " 'tunnelwatch run --inventory FILE', then exit.")
    Path inventoryFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress target = parse(collector, "--collector");
        return rate != null ? runLoad(target) : playScenario(target);
    }

    private int runLoad(InetSocketAddress target) throws Exception {
        Fleet fleet;
        try {
            fleet = Fleet.create(routers, peers, Clock.systemUTC(), seed, network);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (SyslogTransmitter transmitter = SyslogTransmitter.open(transport, target)) {
            SyslogLoad load = new SyslogLoad(fleet, transmitter);
            Duration duration = Duration.ofSeconds(durationSeconds == null ? 10 : durationSeconds);
            long started = System.nanoTime();
            long rendered = load.prepare(rate, duration, count);
            System.out.printf(Locale.ROOT, "load: ready in %.2f s (%d lines rendered and dropped to warm up),"
                    + " offering %d msg/s%n", (System.nanoTime() - started) / 1e9, rendered, rate);
            LoadReport report = load.run(rate, duration, count, transport, collector);
            System.out.println(report.summaryLine());
            return report.failed() == 0 ? 0 : 1;
        }
    }

    private int playScenario(InetSocketAddress collectorAddress) throws Exception {
        Scenario scenario = ScenarioOption.load(scenarioName, spec);
        if (inventoryFile != null) {
            Files.writeString(inventoryFile, ScenarioRun.inventoryYaml(scenario, 30));
            System.out.println("wrote the inventory of scenario '" + scenario.name() + "' to " + inventoryFile);
            return 0;
        }
        try (ScenarioRun run = ScenarioRun.start(scenario, collectorAddress, parse(trapReceiver, "--trap-receiver"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("playing scenario '" + scenario.name() + "': " + scenario.routers() + " routers, "
                    + scenario.timeline().size() + " scripted fault(s), syslog to " + collector + ", traps to "
                    + trapReceiver + ", SNMP agents on 127.0.1.x:" + scenario.agentPort() + "; Ctrl-C stops");
            run.join();
            return 0;
        }
    }

    private InetSocketAddress parse(String hostPort, String option) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " must be HOST:PORT, was '" + hostPort + "'");
        }
    }
}
