package io.tunnelwatch.simulator;

import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.router.SimulatedRouter;
import io.tunnelwatch.simulator.wire.CryptoMessages;
import io.tunnelwatch.simulator.wire.SyslogTransmitter;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a healthy fleet with one scripted incident, in real time: every tunnel end announces itself up, routers
 * send everyday noise, and one tunnel goes down at both ends after {@code faultAfter} and comes back
 * {@code faultFor} later — what the demo shows until the fault scenarios of the simulator issue land.
 */
public final class FleetRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetRunner.class);

    private final Fleet fleet;
    private final SyslogTransmitter transmitter;
    private final Duration faultAfter;
    private final Duration faultFor;
    private final Duration noiseEvery;
    private volatile boolean stopped;

    public FleetRunner(Fleet fleet, SyslogTransmitter transmitter, Duration faultAfter, Duration faultFor,
                       Duration noiseEvery) {
        this.fleet = fleet;
        this.transmitter = transmitter;
        this.faultAfter = faultAfter;
        this.faultFor = faultFor;
        this.noiseEvery = noiseEvery;
    }

    @Override
    public void run() {
        for (SimulatedRouter r : fleet.routers()) {
            for (String peer : r.peers()) {
                send(r, CryptoMessages.sessionStatus(ikev2(r), true, peer, 500));
            }
        }
        transmitter.flush();
        LOG.info("Simulated fleet up: {} routers, {} tunnel ends", fleet.routers().size(), fleet.tunnelEnds());
        long start = System.nanoTime();
        boolean faulted = false;
        boolean repaired = false;
        Random random = new Random(7);
        while (!stopped) {
            long elapsed = System.nanoTime() - start;
            if (!faulted && elapsed >= faultAfter.toNanos()) {
                tunnelZero(false);
                faulted = true;
            } else if (faulted && !repaired && elapsed >= faultAfter.plus(faultFor).toNanos()) {
                tunnelZero(true);
                repaired = true;
            }
            SimulatedRouter r = fleet.routers().get(random.nextInt(fleet.routers().size()));
            send(r, CryptoMessages.configured("noc"));
            transmitter.flush();
            java.util.concurrent.locks.LockSupport.parkNanos(noiseEvery.toNanos());
        }
    }

    /** The first router's first tunnel, at both ends: down (fault) or up (repair). */
    private void tunnelZero(boolean up) {
        SimulatedRouter a = fleet.routers().get(0);
        if (a.peers().isEmpty()) {
            return;
        }
        String peer = a.peers().get(0);
        send(a, CryptoMessages.sessionStatus(ikev2(a), up, peer, 500));
        fleet.routers().stream().filter(r -> r.address().equals(peer)).findFirst()
                .ifPresent(b -> send(b, CryptoMessages.sessionStatus(ikev2(b), up, a.address(), 500)));
        LOG.info("Simulated incident: tunnel {} <-> {} {}", a.address(), peer, up ? "repaired (UP)" : "DOWN");
    }

    private void send(SimulatedRouter r, String message) {
        transmitter.send(r, r.line(message));
    }

    /** Even-numbered routers speak IKEv2, the others IKEv1: the fleet mixes both. */
    private static boolean ikev2(SimulatedRouter r) {
        return Integer.parseInt(r.address().substring(r.address().lastIndexOf('.') + 1)) % 2 == 0;
    }

    public void stop() {
        stopped = true;
    }
}
