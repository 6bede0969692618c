package io.tunnelwatch.simulator.scenario;

import io.tunnelwatch.simulator.agent.SnmpAgents;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.trap.TrapSender;
import io.tunnelwatch.simulator.wire.NetworkOutput;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * A scenario played for real against a collector: syslog over UDP to it, v2c traps to its trap receiver, and every
 * router answering SNMP on 127.0.1.N at the scenario's agent port. Owns the sockets and the player thread.
 */
public final class ScenarioRun implements AutoCloseable {

    /** How often simulated time advances: counters move and due faults apply. */
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Scenario scenario;
    private final ScenarioPlayer player;
    private final SyslogTransmitter syslog;
    private final TrapSender traps;
    private final SnmpAgents agents;
    private final Thread thread;

    private ScenarioRun(Scenario scenario, ScenarioPlayer player, SyslogTransmitter syslog, TrapSender traps,
                        SnmpAgents agents) {
        this.scenario = scenario;
        this.player = player;
        this.syslog = syslog;
        this.traps = traps;
        this.agents = agents;
        this.thread = new Thread(player, "scenario-" + scenario.name());
        this.thread.setDaemon(true);
    }

    /**
     * Opens the agents and starts playing.
     *
     * @param collector    where syslog goes
     * @param trapReceiver where traps go, or null for none
     */
    public static ScenarioRun start(Scenario scenario, InetSocketAddress collector, InetSocketAddress trapReceiver)
            throws IOException {
        SyslogTransmitter syslog = SyslogTransmitter.open("udp", collector);
        TrapSender traps = trapReceiver == null ? null : new TrapSender(trapReceiver, scenario.community(),
                Clock.systemUTC());
        ScenarioPlayer player = new ScenarioPlayer(scenario, Clock.systemUTC(), new NetworkOutput(syslog, traps),
                TICK);
        SnmpAgents agents;
        try {
            // The tunnels are up before the agents answer: a poll never sees the fleet before it started.
            player.start();
            agents = player.simulation().openAgents(scenario.agentPort(), scenario.community(), true);
        } catch (RuntimeException e) {
            syslog.close();
            if (traps != null) {
                traps.close();
            }
            throw e;
        }
        ScenarioRun run = new ScenarioRun(scenario, player, syslog, traps, agents);
        run.thread.start();
        return run;
    }

    /** The inventory a collector needs to poll this fleet's agents and expect its peers. */
    public static String inventoryYaml(Scenario scenario, int pollIntervalSeconds) {
        Fleet fleet = Fleet.create(scenario.routers(), scenario.peersPerRouter(), Clock.systemUTC(),
                scenario.seed());
        return InventoryWriter.yaml(fleet, scenario.community(), scenario.agentPort(), pollIntervalSeconds);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The fleet being played (read it under {@link io.tunnelwatch.simulator.FleetSimulation#read}). */
    public io.tunnelwatch.simulator.FleetSimulation simulation() {
        return player.simulation();
    }

    /** Waits until the scenario ends by itself (or forever, for one without a duration). */
    public void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() throws InterruptedException {
        player.stop();
        thread.join(5_000);
        agents.close();
        if (traps != null) {
            traps.close();
        }
        syslog.close();
    }
}
