package io.tunnelwatch.streams.peer;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.processorContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.events.json.PeerKeySerde;
import io.tunnelwatch.streams.alert.AlertType;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.streams.device.DeviceStatus;

/** A restart: a new processor on the same stores restores the open alert's gauge and opens no duplicate. */
class PeerTrackerProcessorTest {

    private static final PeerTrackerProcessor.Wiring WIRING =
            new PeerTrackerProcessor.Wiring("peer-state", "peer-deadlines", "state-sink", "alerts-sink",
                    "activity-sink", "device-status", "device-addresses", "tunnel-ends-sink");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerAlertMetrics metrics = new PeerAlertMetrics(registry);
    private final KeyValueStore<PeerKey, PeerState> states = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WIRING.stateStore()), new PeerKeySerde(), new JsonSerde<>(PeerState.class))
            .withLoggingDisabled().build();
    private final KeyValueStore<Bytes, byte[]> deadlines = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(WIRING.deadlineStore()), Serdes.Bytes(), Serdes.ByteArray())
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
        states.init(first.getStateStoreContext(), states);
        deadlines.init(first.getStateStoreContext(), deadlines);
        deviceStatus.init(first.getStateStoreContext(), deviceStatus);
        addresses.init(first.getStateStoreContext(), addresses);
        PeerTrackerProcessor before = start(first);
        var down = new Record<PeerKey, PeerInput>(PEER, new PeerInput.Event(event(EventKind.SESSION_DOWN, T0)),
                T0.toEpochMilli());
        before.process(down);
        first.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.plusSeconds(61).toEpochMilli());
        assertThat(alertsForwarded(first)).hasSize(1);

        before.close();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).isEmpty();

        MockProcessorContext<PeerKey, Object> second = context();
        PeerTrackerProcessor after = start(second);
        assertThat(metrics.openCount(AlertType.PEER_UNREACHABLE)).isEqualTo(1);
        assertThat(registry.find("tunnelwatch.peer.alert").tag("alert", "PeerUnreachable").gauges()).hasSize(1);

        after.process(down);
        second.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.plusSeconds(62).toEpochMilli());
        assertThat(alertsForwarded(second)).isEmpty();
        assertThat(states.get(PEER).openAlert().type()).isEqualTo(AlertType.PEER_UNREACHABLE);
    }

    private MockProcessorContext<PeerKey, Object> context() {
        MockProcessorContext<PeerKey, Object> context = processorContext();
        context.addStateStore(states);
        context.addStateStore(deadlines);
        context.addStateStore(deviceStatus);
        context.addStateStore(addresses);
        return context;
    }

    private PeerTrackerProcessor start(MockProcessorContext<PeerKey, Object> context) {
        PeerTrackerProcessor processor = new PeerTrackerProcessor(WIRING, metrics, DetectorSettings.defaults());
        processor.init(context);
        return processor;
    }

    private static List<?> alertsForwarded(MockProcessorContext<PeerKey, Object> context) {
        return context.forwarded().stream().filter(f -> f.childName().filter("alerts-sink"::equals).isPresent())
                .map(f -> f.record().value()).toList();
    }
}
