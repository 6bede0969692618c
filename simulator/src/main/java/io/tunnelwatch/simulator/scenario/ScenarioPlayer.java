package io.tunnelwatch.simulator.scenario;

import io.tunnelwatch.simulator.FleetSimulation;
import io.tunnelwatch.simulator.fault.Fault;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.tunnel.SimulationClock;
import io.tunnelwatch.simulator.tunnel.TrafficProfile;
import io.tunnelwatch.simulator.tunnel.WireOutput;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Scenario}: builds the fleet and its simulation, brings the tunnels up, then ticks the simulation
 * and applies and repairs the timeline's faults as simulated time reaches them. {@link #step} does one round (tests
 * drive it with their own clock); {@link #run} loops in real time until the scenario's end or {@link #stop}.
 */
public final class ScenarioPlayer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioPlayer.class);

    private final Scenario scenario;
    private final Fleet fleet;
    private final FleetSimulation simulation;
    private final Duration tickEvery;
    private final List<Action> pending = new ArrayList<>();
    private volatile boolean stopped;
    private boolean started;

    private record Action(Duration at, boolean repair, Scenario.Step step) {
    }

    public ScenarioPlayer(Scenario scenario, Clock clock, WireOutput out, Duration tickEvery) {
        this.scenario = scenario;
        this.fleet = Fleet.create(scenario.routers(), scenario.peersPerRouter(), clock, scenario.seed());
        this.simulation = new FleetSimulation(fleet, new SimulationClock(clock, scenario.simStart(),
                scenario.compression()), TrafficProfile.OFFICE, scenario.ipsecLifetime(), out);
        this.tickEvery = tickEvery;
        for (Scenario.Step s : scenario.timeline()) {
            pending.add(new Action(s.at(), false, s));
            if (s.repairAt() != null) {
                pending.add(new Action(s.repairAt(), true, s));
            }
        }
        pending.sort(Comparator.comparing(Action::at));
    }

    public Fleet fleet() {
        return fleet;
    }

    public FleetSimulation simulation() {
        return simulation;
    }

    /** Applies the faults due at the start that hold a tunnel down, then brings the fleet up; once. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        pending.removeIf(a -> {
            if (!a.repair() && a.at().isZero() && a.step().fault().holdsDown()) {
                apply(a);
                return true;
            }
            return false;
        });
        scenario.informational().forEach(name -> simulation.router(name).logsDebug(false));
        simulation.start(scenario.wrapHeadroom());
        LOG.info("Scenario '{}' started: {} routers, {} tunnels, {} timeline actions, time x{}", scenario.name(),
                fleet.routers().size(), simulation.tunnels().size(), pending.size(), scenario.compression());
    }

    /** One round: traffic up to now, then every action now due. Returns false once the scenario is over. */
    public boolean step() {
        simulation.tick();
        Duration elapsed = simulation.clock().simElapsed();
        while (!pending.isEmpty() && pending.get(0).at().compareTo(elapsed) <= 0) {
            apply(pending.remove(0));
        }
        return scenario.duration() == null || elapsed.compareTo(scenario.duration()) < 0;
    }

    @Override
    public void run() {
        start();
        while (!stopped && step()) {
            LockSupport.parkNanos(tickEvery.toNanos());
        }
        LOG.info("Scenario '{}' {}", scenario.name(), stopped ? "stopped" : "finished");
    }

    public void stop() {
        stopped = true;
    }

    private void apply(Action a) {
        Scenario.Step s = a.step();
        Fault f = s.fault();
        if (a.repair()) {
            simulation.repair(f, s.router(), s.peer());
        } else {
            simulation.inject(f, s.router(), s.peer());
        }
        LOG.info("Scenario '{}' at {}: {} {} on {} -> {}", scenario.name(), a.at(), a.repair() ? "repaired" : "fault",
                f.id(), s.router(), s.peer());
    }
}
