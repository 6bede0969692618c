package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.alert.CatchUp;
import io.tunnelwatch.streams.alert.PeerAlerting;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.detect.PeerTimers;
import io.tunnelwatch.streams.device.DeviceActivityThrottle;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.PeerInput;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import io.tunnelwatch.streams.peer.PeerStatePublication;
import io.tunnelwatch.streams.peer.PeerTime;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.reject.InputValidator;
import io.tunnelwatch.streams.reject.RejectedRecords;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The thin Kafka Streams adapter around {@link PeerStateMachine} and {@link PeerAlerting}: reads the peer's state,
 * applies the event or counter sample, runs the detectors, stores the new state when it changed, publishes alert
 * records at once, and keeps the peer's timer in {@link PeerTimers} (in memory, rebuilt from the restored states
 * at init: each state keeps its {@code nextCheckAt}). A wall-clock punctuation (every
 * {@link #PUNCTUATE_EVERY}) re-evaluates only the peers whose timer is due. On init it announces every peer of its
 * partition, so gauges (phase, open alerts) are back right after a restart or a rebalance. {@link CatchUp} says
 * whether an input or a timer is judged in history (a replay), where no alert opens.
 *
 * <p>The state goes to {@code tunnelwatch.peer-state} from a second index, the unpublished peers, which the same
 * punctuation reads: a peer whose verdict changed ({@link PeerStatePublication}) is due at once, so the next
 * punctuation publishes its latest state however many verdicts moved in between (at most once a second); a peer
 * with any other change is due one refresh interval ({@link DetectorSettings#peerStateRefresh()}) after its first
 * unpublished change. That index is a logged store, so it commits with the state: after a crash the restored task
 * still knows which peers it owes the topic.
 */
public final class PeerTrackerProcessor implements Processor<PeerKey, PeerInput, PeerKey, Object> {

    public static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);

    /** The names the topology gives this processor's stores and children. */
    public record Wiring(String stateStore, String stateSink, String alertsSink,
                         String activitySink, String deviceStatusStore, String addressStore,
                         String tunnelEndsSink, String unpublishedStore) {
    }

    private final Wiring wiring;
    private final PeerStateListener listener;
    private final PeerStateMachine machine = new PeerStateMachine();
    private final PeerAlerting alerting;
    private final Duration catchUpHorizon;
    private CatchUp catchUp;
    private RejectedRecords rejected;
    private final Set<PeerKey> owned = new HashSet<>();
    private ProcessorContext<PeerKey, Object> context;
    private KeyValueStore<PeerKey, PeerState> store;
    private final PeerTimers timers = new PeerTimers();
    private DeadlineIndex unpublished;
    private UrgentCommits urgent;
    /** The due time of each peer in {@link #unpublished}, to move or remove its entry without a scan. */
    private final Map<PeerKey, Instant> unpublishedDue = new HashMap<>();
    private final Duration refresh;
    private ReadOnlyKeyValueStore<PeerKey, DeviceStatus> deviceStatus;
    private ReadOnlyKeyValueStore<String, DeviceAddress> addresses;
    private final DeviceActivityThrottle throttle = new DeviceActivityThrottle(DeviceActivityThrottle.DEFAULT_EVERY,
            DeviceActivityThrottle.DEFAULT_MAX_DEVICES);

    public PeerTrackerProcessor(Wiring wiring, PeerStateListener listener, DetectorSettings settings) {
        this.wiring = wiring;
        this.listener = listener;
        this.alerting = new PeerAlerting(settings);
        this.catchUpHorizon = settings.catchUpHorizon();
        this.refresh = settings.peerStateRefresh();
    }

    @Override
    public void init(ProcessorContext<PeerKey, Object> context) {
        this.context = context;
        this.rejected = RejectedRecords.from(context.appConfigs());
        this.store = context.getStateStore(wiring.stateStore());
        KeyValueStore<Bytes, byte[]> unpublishedIndex = context.getStateStore(wiring.unpublishedStore());
        this.unpublished = new DeadlineIndex(unpublishedIndex);
        unpublished.forEachScheduled(unpublishedDue::put);
        this.deviceStatus = context.getStateStore(wiring.deviceStatusStore());
        this.addresses = context.getStateStore(wiring.addressStore());
        this.catchUp = new CatchUp(catchUpHorizon, CatchUp.INPUT_LATENESS, wallClock());
        timers.clear();
        try (KeyValueIterator<PeerKey, PeerState> all = store.all()) {
            all.forEachRemaining(kv -> {
                announce(kv.key, kv.value);
                timers.reschedule(kv.key, null, kv.value.nextCheckAt());
            });
        }
        AlignedPunctuation.schedule(context, PUNCTUATE_EVERY, this::punctuate);
        this.urgent = new UrgentCommits(context);
    }

    @Override
    public void process(Record<PeerKey, PeerInput> record) {
        PeerKey key = record.key();
        PeerInput input = record.value();
        Instant wallClock = wallClock();
        var rejection = InputValidator.check(key, input, record.timestamp(), wallClock);
        if (rejection.isPresent()) {
            context.recordMetadata().ifPresent(m -> rejected.reject(m.topic(), m.partition(), m.offset(),
                    rejection.get().reason(), rejection.get().detail()));
            return;
        }
        DeviceActivity activity = input.activity();
        Instant time = PeerTime.inputTime(record.timestamp(), activity == null ? null : activity.at());
        catchUp.input(time, wallClock);
        if (activity != null && throttle.shouldSend(activity)) {
            context.forward(new Record<>(PeerKey.deviceWide(key.device()), (Object) activity, record.timestamp()),
                    wiring.activitySink());
            if (isDeviceSilent(key)) {
                // Ends an open DeviceSilent; otherwise the device tracker only needs it before the silence window.
                urgent.forwarded();
            }
        }
        if (key.isDeviceWide()) {
            return;
        }
        PeerState prior = store.get(key);
        PeerState applied = input.applyTo(machine, prior);
        if (applied == null) {
            return;
        }
        Instant at = PeerTime.judgedAt(time, prior);
        settle(key, prior, applied, at, catchUp.isHistory(at, wallClock));
        if (input.concernsFarEnd()) {
            reportToFarEnd(applied, at);
        }
    }

    /** Tells the tunnel-pair joiner this end's deltas and rekeys when the peer is another monitored router. */
    private void reportToFarEnd(PeerState state, Instant at) {
        TunnelEnd.forFarEnd(state, addresses.get(state.peer()), at).ifPresent(end -> {
            context.forward(new Record<>(TunnelEnd.pairKey(end.device(), end.farDevice()), (Object) end,
                    at.toEpochMilli()), wiring.tunnelEndsSink());
            urgent.forwarded();
        });
    }

    /** Re-evaluates the peers whose timer is due (the others are not touched), then publishes the due states. */
    void punctuate(long wallClockMillis) {
        catchUp.timersAt(Instant.ofEpochMilli(wallClockMillis)).ifPresent(this::settleDue);
        // A verdict a timer just changed is due at the thread's clock, which may be past the punctuation's moment.
        publishDue(Instant.ofEpochMilli(Math.max(wallClockMillis, context.currentSystemTimeMs())));
    }

    /** Publishes the due peers: those whose verdict changed since the last punctuation, and the refreshes. */
    private void publishDue(Instant wallClock) {
        for (PeerKey key : unpublished.takeDue(wallClock)) {
            unpublishedDue.remove(key);
            PeerState state = store.get(key);
            if (state != null) {
                Instant at = state.lastEventAt() != null ? state.lastEventAt() : wallClock;
                context.forward(new Record<>(key, (Object) state, at.toEpochMilli()), wiring.stateSink());
            }
        }
    }

    private void settleDue(CatchUp.Moment now) {
        for (PeerKey key : timers.takeDue(now.at())) {
            PeerState prior = store.get(key);
            if (prior != null) {
                // The timer is gone already; forget it so settle() does not try to remove it again. An input younger
                // than the moment (within the lateness) may have been judged already: never judge before it.
                settle(key, prior, prior.toBuilder().nextCheckAt(null).build(), PeerTime.judgedAt(now.at(), prior),
                        now.history());
            }
        }
    }

    private Instant wallClock() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void settle(PeerKey key, PeerState prior, PeerState applied, Instant now, boolean history) {
        PeerAlerting.Outcome outcome = alerting.evaluate(applied, now, history, isDeviceSilent(key));
        PeerState next = outcome.state();
        timers.reschedule(key, applied.nextCheckAt(), next.nextCheckAt());
        for (AlertRecord alert : outcome.records()) {
            context.forward(new Record<>(key, (Object) alert, now.toEpochMilli()), wiring.alertsSink());
            urgent.forwarded();
        }
        if (next.equals(prior)) {
            return;
        }
        store.put(key, next);
        if (prior == null) {
            // A peer with a stored state was announced at init or when its first state was stored.
            owned.add(key);
            listener.updated(key, next);
        } else {
            // The listeners were last told of the stored state: at init, or when it was stored.
            listener.changed(key, prior, next);
        }
        Instant wallClock = wallClock();
        owePublication(key, PeerStatePublication.isVerdictChange(prior, next) ? wallClock : wallClock.plus(refresh));
    }

    /**
     * Makes the peer due for publication at {@code due} unless it is due earlier already: a verdict change at once (the
     * next punctuation), the first of any other changes one refresh later; later changes wait with it.
     */
    private void owePublication(PeerKey key, Instant due) {
        Instant scheduled = unpublishedDue.get(key);
        if (scheduled == null || scheduled.isAfter(due)) {
            unpublished.reschedule(key, scheduled, due);
            unpublishedDue.put(key, due);
        }
    }

    /** Whether DeviceSilent is open for the peer's device, from the global store of device statuses. */
    private boolean isDeviceSilent(PeerKey key) {
        DeviceStatus status = deviceStatus.get(PeerKey.deviceWide(key.device()));
        return status != null && status.silent();
    }

    private void announce(PeerKey key, PeerState state) {
        owned.add(key);
        listener.updated(key, state);
    }

    @Override
    public void close() {
        if (urgent != null) {
            urgent.close();
        }
        owned.forEach(listener::released);
        owned.clear();
        unpublishedDue.clear();
        timers.clear();
    }
}
