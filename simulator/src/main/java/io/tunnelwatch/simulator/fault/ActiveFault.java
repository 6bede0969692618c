package io.tunnelwatch.simulator.fault;

import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import io.tunnelwatch.simulator.tunnel.WireOutput;
import java.time.Instant;

/**
 * One fault in force on one router's end of a tunnel ({@code local}; the far end is its peer), with the little
 * state it needs: when it last sent its symptoms (IOS rate-limits most of them to about one a minute), flapping's
 * phase, the SPI a desynchronised peer still uses. Driven under the simulation's lock.
 */
public final class ActiveFault {

    private final Fault fault;
    private final SimulatedTunnel tunnel;
    private final RouterTunnelEnd local;
    private double sinceSymptoms;
    private double sinceFlap;
    private boolean flappedDown;
    long staleSpi;

    public ActiveFault(Fault fault, SimulatedTunnel tunnel, RouterTunnelEnd local) {
        this.fault = fault;
        this.tunnel = tunnel;
        this.local = local;
        this.flappedDown = fault == Fault.FLAPPING; // applying a flap takes the tunnel down first
    }

    public Fault fault() {
        return fault;
    }

    public SimulatedTunnel tunnel() {
        return tunnel;
    }

    public RouterTunnelEnd local() {
        return local;
    }

    public RouterTunnelEnd remote() {
        return tunnel.far(local);
    }

    public void apply(Instant now, WireOutput out) {
        fault.apply(this, now, out);
        fault.symptoms(this, now, out);
    }

    public void repair(Instant now, WireOutput out) {
        fault.repair(this, now, out);
    }

    /** {@code seconds} of simulated time passed: symptoms once a period; a flapping tunnel goes down or back up. */
    public void tick(double seconds, Instant now, WireOutput out) {
        sinceSymptoms += seconds;
        if (sinceSymptoms >= Fault.SYMPTOM_PERIOD_SECONDS) {
            sinceSymptoms = 0;
            fault.symptoms(this, now, out);
        }
        if (fault == Fault.FLAPPING) {
            sinceFlap += seconds;
            if (sinceFlap >= (flappedDown ? Fault.FLAP_DOWN_SECONDS : Fault.FLAP_UP_SECONDS)) {
                sinceFlap = 0;
                flappedDown = !flappedDown;
                if (flappedDown) {
                    tunnel.tearDown(true, now, out);
                } else {
                    tunnel.establish(now, out);
                }
            }
        }
    }
}
