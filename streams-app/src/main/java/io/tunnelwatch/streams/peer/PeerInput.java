package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.TunnelEvent;

/**
 * What the peer tracker consumes: an event (syslog, trap), a counter sample (SNMP poll) or the far end's report,
 * from three co-partitioned topics keyed {@code device|peer}, so one processor owns each peer's state and its timers
 * (docs/architecture.md#data-flow).
 */
public sealed interface PeerInput {

    /**
     * The state after this input (Java 17 has no pattern switch, so each input applies itself); null when the input
     * does not start a peer of its own and none is known.
     */
    PeerState applyTo(PeerStateMachine machine, PeerState prior);

    /** What this input says about hearing its device (docs/runbook.md#device-layer); null when it says nothing. */
    DeviceActivity activity();

    /** Whether the far end of the tunnel should hear of the state after this input (new deltas or new SAs). */
    boolean concernsFarEnd();

    /** An event of {@code tunnelwatch.events}. */
    record Event(TunnelEvent event) implements PeerInput {
        @Override
        public PeerState applyTo(PeerStateMachine machine, PeerState prior) {
            return machine.apply(prior, event);
        }

        @Override
        public DeviceActivity activity() {
            return new DeviceActivity(DeviceActivity.VERSION, event.device(), DeviceActivity.Kind.HEARD,
                    event.receivedAt());
        }

        @Override
        public boolean concernsFarEnd() {
            return TunnelEnd.NEW_SA_KINDS.contains(event.kind());
        }
    }

    /** A sample of {@code tunnelwatch.counters}. */
    record Sample(CounterSample sample) implements PeerInput {
        @Override
        public PeerState applyTo(PeerStateMachine machine, PeerState prior) {
            return machine.apply(prior, sample);
        }

        @Override
        public DeviceActivity activity() {
            return new DeviceActivity(DeviceActivity.VERSION, sample.device(), sample.deviceAnswered()
                    ? DeviceActivity.Kind.HEARD : DeviceActivity.Kind.POLL_FAILED, sample.polledAt());
        }

        @Override
        public boolean concernsFarEnd() {
            return sample.deviceAnswered();
        }
    }

    /**
     * What the far end of the tunnel reported ({@code tunnelwatch.far-ends}, from the tunnel-pair joiner): kept as
     * {@link PeerState#farEnd()} for the detectors. Says nothing about hearing this device.
     */
    record FarEnd(TunnelEnd far) implements PeerInput {
        @Override
        public PeerState applyTo(PeerStateMachine machine, PeerState prior) {
            // The near end reported first, so its state exists unless it was deleted since.
            return prior == null ? null : prior.toBuilder().farEnd(far).build();
        }

        @Override
        public DeviceActivity activity() {
            return null;
        }

        @Override
        public boolean concernsFarEnd() {
            return false;
        }
    }
}
