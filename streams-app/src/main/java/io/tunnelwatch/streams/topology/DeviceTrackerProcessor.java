package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.alert.CatchUp;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.detect.PeerTimers;
import io.tunnelwatch.streams.device.DeviceAlerting;
import io.tunnelwatch.streams.device.DeviceState;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka Streams adapter of DeviceSilent (docs/runbook.md#device-layer): folds {@code device|*} activity into the
 * {@link DeviceState}, has {@link DeviceAlerting} judge it (alerts keyed {@code device|*} on
 * {@code tunnelwatch.alerts}), keeps the device's timer in memory ({@link PeerTimers}), and publishes the
 * {@link DeviceStatus} it gives whenever the silence opens or closes, for the global store the peer trackers read.
 * Judged in history ({@link CatchUp}: a replay), the silence does not open.
 */
public final class DeviceTrackerProcessor implements Processor<PeerKey, DeviceActivity, PeerKey, Object> {

    /** The names the topology gives this processor's stores and children. */
    public record Wiring(String stateStore, String statusSink, String alertsSink) {
    }

    private final Wiring wiring;
    private final PeerStateListener alertListener;
    private final DeviceAlerting alerting;
    private final java.time.Duration catchUpHorizon;
    private CatchUp catchUp;
    private ProcessorContext<PeerKey, Object> context;
    private KeyValueStore<PeerKey, DeviceState> store;
    private UrgentCommits urgent;
    /** In memory, rebuilt from the restored states at init (each keeps its {@code nextCheckAt}). */
    private final PeerTimers timers = new PeerTimers();
    private final java.util.Set<PeerKey> owned = new java.util.HashSet<>();

    public DeviceTrackerProcessor(Wiring wiring, PeerStateListener alertListener, DetectorSettings settings) {
        this.wiring = wiring;
        this.alertListener = alertListener;
        this.alerting = new DeviceAlerting(settings);
        this.catchUpHorizon = settings.catchUpHorizon();
    }

    @Override
    public void init(ProcessorContext<PeerKey, Object> context) {
        this.context = context;
        this.store = context.getStateStore(wiring.stateStore());
        this.catchUp = new CatchUp(catchUpHorizon, CatchUp.INPUT_LATENESS,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        timers.clear();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                announce(kv.key, kv.value);
                timers.reschedule(kv.key, null, kv.value.nextCheckAt());
            });
        }
        AlignedPunctuation.schedule(context, java.time.Duration.ofSeconds(1), this::punctuate);
        this.urgent = new UrgentCommits(context);
    }

    @Override
    public void process(Record<PeerKey, DeviceActivity> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        PeerKey key = PeerKey.deviceWide(record.key().device());
        DeviceState prior = store.get(key);
        DeviceState applied = (prior != null ? prior : DeviceState.unknown(key.device())).apply(record.value());
        Instant at = Instant.ofEpochMilli(record.timestamp());
        boolean history = catchUp.input(at, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        settle(key, prior, applied, at, history);
    }

    void punctuate(long wallClockMillis) {
        catchUp.timersAt(Instant.ofEpochMilli(wallClockMillis)).ifPresent(this::settleDue);
    }

    private void settleDue(CatchUp.Moment now) {
        for (PeerKey key : timers.takeDue(now.at())) {
            DeviceState prior = store.get(key);
            if (prior != null) {
                settle(key, prior, prior.with(prior.openAlert(), null), now.at(), now.history());
            }
        }
    }

    private void settle(PeerKey key, DeviceState prior, DeviceState applied, Instant now, boolean history) {
        DeviceAlerting.Outcome outcome = alerting.evaluate(key, prior, applied, now, history);
        DeviceState after = outcome.state();
        timers.reschedule(key, applied.nextCheckAt(), after.nextCheckAt());
        for (AlertRecord alert : outcome.records()) {
            context.forward(new Record<>(key, (Object) alert, now.toEpochMilli()), wiring.alertsSink());
            urgent.forwarded();
        }
        if (after.equals(prior)) {
            return;
        }
        store.put(key, after);
        announce(key, after);
        outcome.status().ifPresent(status -> {
            context.forward(new Record<>(key, (Object) status, now.toEpochMilli()), wiring.statusSink());
            urgent.forwarded();
        });
    }

    /** The alert metrics speak of peers; a device's alert is shown on its {@code device|*} pseudo-peer. */
    private void announce(PeerKey key, DeviceState state) {
        owned.add(key);
        alertListener.updated(key, PeerState.unknown(key.device(), key.peer()).toBuilder()
                .openAlert(state.openAlert()).build());
    }

    @Override
    public void close() {
        if (urgent != null) {
            urgent.close();
        }
        owned.forEach(alertListener::released);
        owned.clear();
        timers.clear();
    }
}
