package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.device.DeviceActivity;

/**
 * What the peer tracker consumes: an event (syslog, trap) or a counter sample (SNMP poll), from two co-partitioned
 * topics keyed {@code device|peer}, so one processor owns each peer's state and its timers (DESIGN.md "Data flow").
 */
public sealed interface PeerInput {

    /** The state after this input (Java 17 has no pattern switch, so each input applies itself). */
    PeerState applyTo(PeerStateMachine machine, PeerState prior);

    /** What this input says about hearing its device (RUNBOOK.md "Layer 0"). */
    DeviceActivity activity();

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
    }
}
