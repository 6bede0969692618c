package io.tunnelwatch.streams.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.streams.alert.AlertLifecycle;
import io.tunnelwatch.streams.alert.CatchUp;
import io.tunnelwatch.streams.alert.Placeholders;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.detect.PeerTimers;
import io.tunnelwatch.streams.device.DeviceSilentDetector;
import io.tunnelwatch.streams.device.DeviceState;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.Finding;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka Streams adapter of DeviceSilent (docs/runbook.md#device-layer): folds {@code device|*} activity into the
 * {@link DeviceState}, runs {@link DeviceSilentDetector} through the same {@link AlertLifecycle} as the peers (alerts
 * keyed {@code device|*} on {@code tunnelwatch.alerts}), keeps the device's timer in memory ({@link PeerTimers}), and
 * publishes a {@link DeviceStatus} whenever the silence opens or closes, for the global store the peer trackers read.
 * Judged in history ({@link CatchUp}: a replay), the silence does not open.
 */
public final class DeviceTrackerProcessor implements Processor<PeerKey, DeviceActivity, PeerKey, Object> {

    /** The names the topology gives this processor's stores and children. */
    public record Wiring(String stateStore, String statusSink, String alertsSink) {
    }

    private final Wiring wiring;
    private final PeerStateListener alertListener;
    private final DeviceSilentDetector detector;
    private final AlertLifecycle lifecycle;
    private final java.time.Duration catchUpHorizon;
    private CatchUp catchUp;
    private ProcessorContext<PeerKey, Object> context;
    private KeyValueStore<PeerKey, DeviceState> store;
    /** In memory, rebuilt from the restored states at init (each keeps its {@code nextCheckAt}). */
    private final PeerTimers timers = new PeerTimers();
    private final java.util.Set<PeerKey> owned = new java.util.HashSet<>();

    public DeviceTrackerProcessor(Wiring wiring, PeerStateListener alertListener, DetectorSettings settings) {
        this.wiring = wiring;
        this.alertListener = alertListener;
        this.detector = new DeviceSilentDetector(settings);
        this.lifecycle = new AlertLifecycle(settings.resolveAfter(), settings.catchUpHorizon());
        this.catchUpHorizon = settings.catchUpHorizon();
    }

    @Override
    public void init(ProcessorContext<PeerKey, Object> context) {
        this.context = context;
        this.store = context.getStateStore(wiring.stateStore());
        this.catchUp = new CatchUp(catchUpHorizon, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        timers.clear();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                announce(kv.key, kv.value);
                timers.reschedule(kv.key, null, kv.value.nextCheckAt());
            });
        }
        context.schedule(java.time.Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
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
        Optional<Finding> finding = detector.detect(applied, now);
        AlertLifecycle.Step step = lifecycle.step(key.device(), key.peer(), applied.openAlert(),
                finding.stream().toList(), new Placeholders(key.peer(), null, null, null), now, history);
        Instant next = Stream.of(detector.nextCheck(applied, now), lifecycle.resolveDue(step.open()),
                        Optional.ofNullable(step.recheckAt()))
                .flatMap(Optional::stream).min(Instant::compareTo).orElse(null);
        DeviceState after = applied.with(step.open(), next);
        timers.reschedule(key, applied.nextCheckAt(), next);
        for (AlertRecord alert : step.records()) {
            context.forward(new Record<>(key, (Object) toJson(alert), now.toEpochMilli()), wiring.alertsSink());
        }
        if (after.equals(prior)) {
            return;
        }
        store.put(key, after);
        announce(key, after);
        OpenAlert before = prior == null ? null : prior.openAlert();
        if (!Objects.equals(idOf(before), idOf(step.open()))) {
            OpenAlert open = step.open();
            DeviceStatus status = new DeviceStatus(DeviceStatus.VERSION, key.device(), open != null,
                    open == null ? null : applied.silentSince(), idOf(open));
            context.forward(new Record<>(key, (Object) toJson(status), now.toEpochMilli()), wiring.statusSink());
        }
    }

    private static String idOf(OpenAlert alert) {
        return alert == null ? null : alert.id();
    }

    /** The alert metrics speak of peers; a device's alert is shown on its {@code device|*} pseudo-peer. */
    private void announce(PeerKey key, DeviceState state) {
        owned.add(key);
        alertListener.updated(key, PeerState.unknown(key.device(), key.peer()).toBuilder()
                .openAlert(state.openAlert()).build());
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        owned.forEach(alertListener::released);
        owned.clear();
        timers.clear();
    }
}
