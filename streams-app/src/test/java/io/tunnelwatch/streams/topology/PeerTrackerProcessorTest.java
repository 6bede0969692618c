package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.processorContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.events.json.PeerKeySerde;
import io.tunnelwatch.streams.alert.CatchUp;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import io.tunnelwatch.streams.peer.PeerInput;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A restart: a new processor on the same stores restores the open alert's gauge and opens no duplicate; after a long
 * outage, the replayed backlog still resolves it and opens nothing until caught up.
 */
class PeerTrackerProcessorTest {

    private static final PeerTrackerProcessor.Wiring WIRING =
            new PeerTrackerProcessor.Wiring("peer-state", "state-sink", "alerts-sink",
                    "activity-sink", "device-status", "device-addresses", "tunnel-ends-sink",
                    "peer-unpublished");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerAlertMetrics metrics = new PeerAlertMetrics(registry);
    private final KeyValueStore<PeerKey, PeerState> states = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WIRING.stateStore()), new PeerKeySerde(), new JsonSerde<>(PeerState.class))
            .withLoggingDisabled().build();
    private final KeyValueStore<Bytes, byte[]> unpublished = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WIRING.unpublishedStore()), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled().build();
    private final KeyValueStore<PeerKey, DeviceStatus> deviceStatus = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WIRING.deviceStatusStore()), new PeerKeySerde(),
            new JsonSerde<>(DeviceStatus.class)).withLoggingDisabled().build();
    private final KeyValueStore<String, DeviceAddress> addresses = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WIRING.addressStore()), Serdes.String(),
            new JsonSerde<>(DeviceAddress.class)).withLoggingDisabled().build();

    @Test
    void shouldRestoreTheOpenAlertAfterARestartAndNotOpenItTwice() {
        MockProcessorContext<PeerKey, Object> first = context();
        initStores(first);
        PeerTrackerProcessor before = start(first);
        var down = new Record<PeerKey, PeerInput>(PEER, new PeerInput.Event(event(EventKind.SESSION_DOWN, T0)),
                T0.toEpochMilli());
        before.process(down);
        punctuate(first, T0.plusSeconds(61));
        assertThat(alertsForwarded(first)).hasSize(1);

        before.close();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).isEmpty();

        MockProcessorContext<PeerKey, Object> second = context();
        PeerTrackerProcessor after = start(second);
        assertThat(metrics.openCount(AlertType.PEER_UNREACHABLE)).isEqualTo(1);
        assertThat(registry.find("tunnelwatch.peer.alert").tag("alert", "PeerUnreachable").gauges()).hasSize(1);

        after.process(down);
        punctuate(second, T0.plusSeconds(62));
        assertThat(alertsForwarded(second)).isEmpty();
        assertThat(states.get(PEER).openAlert().type()).isEqualTo(AlertType.PEER_UNREACHABLE);

        after.close();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).as("a restored peer released on close")
                .isEmpty();
    }

    @Test
    void shouldResolveTheRestoredAlertFromTheReplayedBacklogAndOpenTheNextIncidentOnlyOnceCaughtUp() {
        MockProcessorContext<PeerKey, Object> first = context();
        initStores(first);
        PeerTrackerProcessor before = start(first);
        before.process(input(event(EventKind.SESSION_DOWN, T0)));
        punctuate(first, T0.plusSeconds(61));
        AlertRecord opened = single(alertsForwarded(first));
        before.close();

        Instant restart = T0.plus(Duration.ofHours(2));
        MockProcessorContext<PeerKey, Object> second = context();
        second.setCurrentSystemTimeMs(restart.toEpochMilli());
        PeerTrackerProcessor after = start(second);
        var punctuator = second.scheduledPunctuators().get(0).getPunctuator();
        after.process(input(event(EventKind.SESSION_UP, T0.plusSeconds(120))));
        after.process(input(event(EventKind.SESSION_UP, T0.plusSeconds(200))));
        AlertRecord resolved = single(alertsForwarded(second));
        after.process(input(event(EventKind.SESSION_DOWN, T0.plusSeconds(300))));
        after.process(input(event(EventKind.SESSION_DOWN, T0.plusSeconds(400))));
        punctuator.punctuate(restart.plusSeconds(1).toEpochMilli());
        int replayed = alertsForwarded(second).size();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).as("no series for a held-back finding").isEmpty();

        Instant caughtUp = restart.plus(DetectorSettings.defaults().catchUpHorizon());
        punctuator.punctuate(caughtUp.toEpochMilli());
        punctuator.punctuate(caughtUp.plusSeconds(1).toEpochMilli());

        assertThat(resolved.action()).isEqualTo(AlertRecord.Action.RESOLVED);
        assertThat(resolved.id()).isEqualTo(opened.id());
        assertThat(replayed).as("the incident of the backlog opens nothing while it is replayed").isEqualTo(1);
        List<AlertRecord> all = alertsForwarded(second);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).action()).isEqualTo(AlertRecord.Action.OPENED);
        assertThat(all.get(1).alert()).isEqualTo("PeerUnreachable");
        assertThat(all.get(1).openedAt()).as("judged one input lateness behind the wall clock")
                .isEqualTo(caughtUp.minus(CatchUp.INPUT_LATENESS));
        assertThat(registry.find("tunnelwatch.peer.alert").tag("alert", "PeerUnreachable").gauges()).hasSize(1);
    }

    /**
     * The far end of a phase-2 mismatch: its session went down at T0, and the poll stamped half a second before the
     * PeerUnreachable deadline (T0 + 60 s) finds its IKE SA row active. Whether that poll reaches the tracker just
     * before the wall clock passes the deadline or just after it, the answer is the same: no PeerUnreachable, since
     * the peer's IKE SA was up when the deadline came.
     */
    @Test
    void shouldJudgeAnInputStampedBeforeADeadlineBeforeItWhicheverReachesTheTrackerFirst() {
        Instant deadline = T0.plusSeconds(60);
        Record<PeerKey, PeerInput> poll = new Record<>(PEER, new PeerInput.Sample(new CounterSample(
                CounterSample.VERSION, PEER.device(), PEER.peer(), deadline.minusMillis(500), true, 0, "active", null,
                CounterSample.Counters.ZERO, CounterSample.Counters.ZERO)), deadline.minusMillis(500).toEpochMilli());

        List<AlertRecord> pollFirst = play(List.of(poll), List.of());
        List<AlertRecord> deadlineFirst = play(List.of(), List.of(poll));
        List<AlertRecord> noPoll = play(List.of(), List.of());

        assertThat(pollFirst).as("the poll reached the tracker before the deadline").isEmpty();
        assertThat(deadlineFirst).as("the poll reached it 400 ms after the wall clock passed the deadline").isEmpty();
        assertThat(noPoll).as("without the poll the deadline still opens, at the punctuation one input lateness later")
                .singleElement().satisfies(a -> {
                    assertThat(a.alert()).isEqualTo("PeerUnreachable");
                    assertThat(a.openedAt()).isEqualTo(deadline.plusMillis(100));
                });
    }

    /**
     * A fresh tracker: the session goes down at T0, {@code before} arrive, the wall clock passes the PeerUnreachable
     * deadline by 100 ms and punctuates, {@code after} arrive 400 ms later, then it punctuates every second for 5 s.
     */
    private List<AlertRecord> play(List<Record<PeerKey, PeerInput>> before, List<Record<PeerKey, PeerInput>> after) {
        MockProcessorContext<PeerKey, Object> context = context();
        if (!states.isOpen()) {
            initStores(context);
        }
        states.delete(PEER);
        PeerTrackerProcessor tracker = start(context);
        var punctuator = context.scheduledPunctuators().get(0).getPunctuator();
        tracker.process(input(event(EventKind.SESSION_DOWN, T0)));
        Instant wallClock = T0.plusSeconds(59);
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        before.forEach(tracker::process);
        wallClock = T0.plusSeconds(60).plusMillis(100);
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        punctuator.punctuate(wallClock.toEpochMilli());
        context.setCurrentSystemTimeMs(wallClock.plusMillis(400).toEpochMilli());
        after.forEach(tracker::process);
        for (int s = 1; s <= 5; s++) {
            context.setCurrentSystemTimeMs(wallClock.plusSeconds(s).toEpochMilli());
            punctuator.punctuate(wallClock.plusSeconds(s).toEpochMilli());
        }
        List<AlertRecord> alerts = alertsForwarded(context);
        tracker.close();
        return alerts;
    }

    /** The timers live in memory: a restarted tracker rebuilds them from the restored states' nextCheckAt. */
    @Test
    void shouldStillFireATimerSetBeforeARestart() {
        MockProcessorContext<PeerKey, Object> first = context();
        initStores(first);
        PeerTrackerProcessor before = start(first);
        before.process(input(event(EventKind.SESSION_DOWN, T0)));
        assertThat(states.get(PEER).nextCheckAt()).as("the down peer waits for its unreachable window").isNotNull();
        assertThat(alertsForwarded(first)).isEmpty();
        before.close();

        MockProcessorContext<PeerKey, Object> second = context();
        start(second);
        // no input comes after the restart: timers are judged once a catch-up horizon passed (CatchUp)
        punctuate(second, T0.plus(DetectorSettings.defaults().catchUpHorizon()).plusSeconds(61));

        assertThat(alertsForwarded(second)).singleElement().extracting(AlertRecord::alert)
                .isEqualTo("PeerUnreachable");
    }

    @Test
    void shouldStillPublishAVerdictChangeOwedBeforeARestart() {
        MockProcessorContext<PeerKey, Object> first = context();
        initStores(first);
        PeerTrackerProcessor before = start(first);
        before.process(input(event(EventKind.SESSION_UP, T0)));
        assertThat(statesForwarded(first)).as("published by the next punctuation, which never came").isEmpty();
        before.close();

        MockProcessorContext<PeerKey, Object> second = context();
        start(second);
        punctuate(second, T0.plusSeconds(1));

        assertThat(statesForwarded(second)).singleElement().extracting(PeerState::phase)
                .isEqualTo(PeerPhase.IPSEC_UP);
    }

    @Test
    void shouldStillPublishAHeldBackStateAfterARestart() {
        MockProcessorContext<PeerKey, Object> first = context();
        initStores(first);
        PeerTrackerProcessor before = start(first);
        before.process(input(event(EventKind.SESSION_UP, T0)));
        punctuate(first, T0.plusSeconds(1));
        before.process(input(event(EventKind.SESSION_UP, T0.plusSeconds(10))));
        assertThat(statesForwarded(first)).as("the new peer only; the repeat waits for the refresh").hasSize(1);
        before.close();

        MockProcessorContext<PeerKey, Object> second = context();
        start(second);
        punctuate(second, T0.plus(DetectorSettings.defaults().peerStateRefresh()));

        assertThat(statesForwarded(second)).singleElement().extracting(PeerState::lastEventAt)
                .isEqualTo(T0.plusSeconds(10));
    }

    private static List<PeerState> statesForwarded(MockProcessorContext<PeerKey, Object> context) {
        return context.forwarded().stream().filter(f -> f.childName().filter("state-sink"::equals).isPresent())
                .map(f -> (PeerState) f.record().value()).toList();
    }

    private MockProcessorContext<PeerKey, Object> context() {
        MockProcessorContext<PeerKey, Object> context = processorContext();
        context.addStateStore(states);
        context.addStateStore(unpublished);
        context.addStateStore(deviceStatus);
        context.addStateStore(addresses);
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        return context;
    }

    private PeerTrackerProcessor start(MockProcessorContext<PeerKey, Object> context) {
        PeerTrackerProcessor processor = new PeerTrackerProcessor(WIRING, metrics, DetectorSettings.defaults());
        processor.init(context);
        return processor;
    }

    /** Fires the tracker's punctuation (the first one {@code init} schedules) as the wall clock reaches {@code at}. */
    private static void punctuate(MockProcessorContext<PeerKey, Object> context, Instant at) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(at.toEpochMilli());
    }

    private static List<AlertRecord> alertsForwarded(MockProcessorContext<PeerKey, Object> context) {
        return context.forwarded().stream().filter(f -> f.childName().filter("alerts-sink"::equals).isPresent())
                .map(f -> (AlertRecord) f.record().value()).toList();
    }

    private void initStores(MockProcessorContext<PeerKey, Object> context) {
        states.init(context.getStateStoreContext(), states);
        unpublished.init(context.getStateStoreContext(), unpublished);
        deviceStatus.init(context.getStateStoreContext(), deviceStatus);
        addresses.init(context.getStateStoreContext(), addresses);
    }

    private static Record<PeerKey, PeerInput> input(TunnelEvent event) {
        return new Record<>(PEER, new PeerInput.Event(event), event.receivedAt().toEpochMilli());
    }

    private static AlertRecord single(List<AlertRecord> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
