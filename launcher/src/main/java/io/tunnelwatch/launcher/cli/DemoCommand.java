package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code tunnelwatch demo}: the all-in-one with a simulated fleet (the built-in {@code demo} scenario: 20 routers,
 * 5 tunnels each) sending it syslog and traps and answering its SNMP polls, with a couple of scripted faults in the
 * first minutes that repair themselves. The fleet's inventory is written to the data directory and used unless
 * {@code --inventory} names another.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The all-in-one with an embedded broker and a simulated fleet of IOS-XE routers (20 routers,"
                + " 5 tunnels each, syslog + traps + SNMP agents) and a few scripted faults that repair themselves.")
public final class DemoCommand extends CollectingRoleCommand {

    /** Poll the demo fleet's agents often, so its faults show within a few minutes. */
    private static final int DEMO_POLL_SECONDS = 15;

    @Option(names = "--scenario", defaultValue = "demo",
            description = "The scenario to play: a YAML file or a built-in name (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Override
    PipelineConfig config() {
        return config(syslog, inventory, true, true);
    }

    @Override
    public Integer call() throws Exception {
        if (syslog.udp() < 0) {
            throw new ParameterException(spec.commandLine(), "the demo fleet sends syslog over UDP: keep"
                    + " --syslog-udp-port on");
        }
        Scenario scenario = ScenarioOption.load(scenarioName, spec);
        if (inventory.inventory == null) {
            inventory.inventory = writeInventory(scenario);
        }
        return runUntilStopped(syslog, inventory, true, true, pipeline -> play(scenario, pipeline));
    }

    private Path writeInventory(Scenario scenario) throws IOException {
        Path file = kafka.dataDir.resolve("demo-inventory.yaml");
        Files.createDirectories(kafka.dataDir);
        Files.writeString(file, ScenarioRun.inventoryYaml(scenario, DEMO_POLL_SECONDS));
        return file;
    }

    private static AutoCloseable play(Scenario scenario, Pipeline pipeline) throws IOException {
        InetSocketAddress syslogTarget = loopback(pipeline.syslogUdpAddress());
        InetSocketAddress trapTarget = pipeline.trapAddress() == null ? null : loopback(pipeline.trapAddress());
        ScenarioRun run = ScenarioRun.start(scenario, syslogTarget, trapTarget);
        System.out.println("  fleet     scenario '" + scenario.name() + "': " + scenario.routers()
                + " simulated routers (127.0.1.x, SNMP agents on port " + scenario.agentPort() + "), "
                + scenario.routers() * scenario.peersPerRouter() + " tunnel ends, " + scenario.timeline().size()
                + " scripted fault(s)");
        return run;
    }

    private static InetSocketAddress loopback(InetSocketAddress bound) {
        return new InetSocketAddress("127.0.0.1", bound.getPort());
    }
}
