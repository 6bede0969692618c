package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.Topics;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerInput;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.PeerTrackerProcessor;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The streams-app topology, the only place that knows node, store and topic names. Used by the application and by
 * the TopologyTestDriver tests alike.
 *
 * <pre>
 * tunnelwatch.events   ─┐
 *                       ├▶ peer-tracker [stores peer-state, peer-deadlines] ─┬▶ tunnelwatch.peer-state
 * tunnelwatch.counters ─┘                                                    └▶ tunnelwatch.alerts
 * </pre>
 *
 * <p>Both sources feed one processor through a common input type ({@link PeerInput}) rather than two processors
 * sharing the store: one writer per peer state, one place for the alert lifecycle and the timers. The topics are
 * keyed alike and must have the same partition count, so one task owns a peer's events and samples together.
 */
public final class TunnelwatchTopology {

    public static final String PEER_STATE_STORE = "peer-state";
    public static final String EVENTS_SOURCE = "events";
    public static final String COUNTERS_SOURCE = "counters";
    public static final String PEER_TRACKER = "peer-tracker";
    public static final String PEER_STATE_SINK = "peer-state-sink";
    public static final String DEADLINE_STORE = "peer-deadlines";
    public static final String ALERTS_SINK = "alerts-sink";

    private TunnelwatchTopology() {
    }

    public static Topology build(PeerStateListener listener) {
        return build(listener, DetectorSettings.defaults());
    }

    public static Topology build(PeerStateListener listener, DetectorSettings settings) {
        JsonSerde<PeerState> stateSerde = new JsonSerde<>(PeerState.class);
        StoreBuilder<KeyValueStore<PeerKey, PeerState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PEER_STATE_STORE), Topics.EVENTS.keySerde(), stateSerde);
        StoreBuilder<KeyValueStore<Bytes, byte[]>> deadlines = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEADLINE_STORE), Serdes.Bytes(), Serdes.ByteArray());
        var wiring = new PeerTrackerProcessor.Wiring(PEER_STATE_STORE, DEADLINE_STORE, PEER_STATE_SINK, ALERTS_SINK);
        return new Topology()
                .addSource(EVENTS_SOURCE, Topics.EVENTS.keySerde().deserializer(),
                        wrapping(Topics.EVENTS.valueSerde().deserializer(), PeerInput.Event::new),
                        Topics.EVENTS.name())
                .addSource(COUNTERS_SOURCE, Topics.COUNTERS.keySerde().deserializer(),
                        wrapping(Topics.COUNTERS.valueSerde().deserializer(), PeerInput.Sample::new),
                        Topics.COUNTERS.name())
                .addProcessor(PEER_TRACKER, () -> new PeerTrackerProcessor(wiring, listener, settings),
                        EVENTS_SOURCE, COUNTERS_SOURCE)
                .addStateStore(store, PEER_TRACKER)
                .addStateStore(deadlines, PEER_TRACKER)
                .addSink(PEER_STATE_SINK, Topics.PEER_STATE.name(), Topics.PEER_STATE.keySerde().serializer(),
                        stateSerde.serializer(), PEER_TRACKER)
                .addSink(ALERTS_SINK, Topics.ALERTS.name(), Topics.ALERTS.keySerde().serializer(),
                        Topics.ALERTS.valueSerde().serializer(), PEER_TRACKER);
    }

    /** Reads a topic's value and wraps it as a {@link PeerInput}; null (a tombstone) stays null. */
    private static <T> Deserializer<PeerInput> wrapping(Deserializer<T> inner, Function<T, PeerInput> wrap) {
        return (topic, bytes) -> {
            T value = inner.deserialize(topic, bytes);
            return value == null ? null : wrap.apply(value);
        };
    }
}
