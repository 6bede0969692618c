package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.Topics;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.PeerTrackerProcessor;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The streams-app topology, the only place that knows node, store and topic names. Used by the application and by
 * the TopologyTestDriver tests alike.
 *
 * <pre>
 * tunnelwatch.events ─▶ peer-tracker [store peer-state] ─▶ tunnelwatch.peer-state
 * </pre>
 */
public final class TunnelwatchTopology {

    public static final String PEER_STATE_STORE = "peer-state";
    public static final String EVENTS_SOURCE = "events";
    public static final String PEER_TRACKER = "peer-tracker";
    public static final String PEER_STATE_SINK = "peer-state-sink";

    private TunnelwatchTopology() {
    }

    public static Topology build(PeerStateListener listener) {
        JsonSerde<PeerState> stateSerde = new JsonSerde<>(PeerState.class);
        StoreBuilder<KeyValueStore<PeerKey, PeerState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PEER_STATE_STORE), Topics.EVENTS.keySerde(), stateSerde);
        return new Topology()
                .addSource(EVENTS_SOURCE, Topics.EVENTS.keySerde().deserializer(),
                        Topics.EVENTS.valueSerde().deserializer(), Topics.EVENTS.name())
                .addProcessor(PEER_TRACKER, () -> new PeerTrackerProcessor(PEER_STATE_STORE, listener), EVENTS_SOURCE)
                .addStateStore(store, PEER_TRACKER)
                .addSink(PEER_STATE_SINK, Topics.PEER_STATE.name(), Topics.PEER_STATE.keySerde().serializer(),
                        stateSerde.serializer(), PEER_TRACKER);
    }
}
