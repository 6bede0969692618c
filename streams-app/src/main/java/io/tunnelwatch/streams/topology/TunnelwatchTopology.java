package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.events.topic.Topic;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.device.DeviceState;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.pair.TunnelPair;
import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.PeerInput;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.TunnelEnd;
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
 * tunnelwatch.events   ─┐                                                      ┌▶ tunnelwatch.peer-state
 *                       ├▶ peer-tracker [peer-state, peer-unpublished;     ───┼▶ tunnelwatch.alerts
 * tunnelwatch.counters ─┘   reads global device-status]                        └▶ tunnelwatch.device-activity
 * tunnelwatch.device-activity ─▶ device-tracker [device-state]                  ─┬▶ tunnelwatch.alerts
 *                                                                                 └▶ tunnelwatch.device-status
 * tunnelwatch.device-status ─▶ global store device-status (every task)
 * peer-tracker ─▶ tunnelwatch.tunnel-ends (key: device pair) ─▶ tunnel-pair-joiner [tunnel-pairs]
 *                                                                 ─▶ tunnelwatch.far-ends (key: device|peer) ─▶ peer-tracker
 * tunnelwatch.device-addresses ─▶ global store device-addresses (every task; the collector's inventory)
 * </pre>
 *
 * <p>Both ends of a tunnel between monitored routers hash to different partitions too: each end's deltas and rekeys
 * are re-keyed to the unordered device pair, where a small joiner keeps both ends' latest report and hands each to
 * the other end's tracker; the detectors there read both sides (which direction loses packets, a rekey desync).
 *
 * <p>DeviceSilent needs every peer of a device, but peers hash to different partitions: the peer tracker re-keys a
 * throttled "heard from / poll failed" record per device to {@code device|*} (one task judges the device), and the
 * device's silent/heard status comes back to every task through a global store (suppression of its peers' alerts).
 *
 * <p>What is written: every peer-side store is cached (Kafka Streams record caching), so the store takes every input
 * but its changelog gets a key's latest value at most once per commit (and when the cache evicts it); with
 * {@code exactly_once_v2} the cache is flushed into the same transaction as the input offsets, so a crash loses no
 * state that a committed offset stands for. {@code tunnelwatch.peer-state} gets a peer's state when a verdict changes
 * and otherwise at most once per refresh interval ({@link PeerTrackerProcessor}); alerts are forwarded the moment
 * they open or resolve.
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
    public static final String UNPUBLISHED_STORE = "peer-unpublished";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String ACTIVITY_SINK = "device-activity-sink";
    public static final String ACTIVITY_SOURCE = "device-activity";
    public static final String DEVICE_TRACKER = "device-tracker";
    public static final String DEVICE_STATE_STORE = "device-state";
    public static final String DEVICE_ALERTS_SINK = "device-alerts-sink";
    public static final String DEVICE_STATUS_SINK = "device-status-sink";
    public static final String DEVICE_STATUS_STORE = "device-status";
    public static final String DEVICE_STATUS_SOURCE = "device-status-source";
    public static final String DEVICE_STATUS_UPDATER = "device-status-updater";
    public static final String FAR_ENDS_SOURCE = "far-ends";
    public static final String TUNNEL_ENDS_SINK = "tunnel-ends-sink";
    public static final String TUNNEL_ENDS_SOURCE = "tunnel-ends";
    public static final String TUNNEL_PAIR_JOINER = "tunnel-pair-joiner";
    public static final String TUNNEL_PAIR_STORE = "tunnel-pairs";
    public static final String FAR_ENDS_SINK = "far-ends-sink";
    public static final String DEVICE_ADDRESS_STORE = "device-addresses";
    public static final String DEVICE_ADDRESS_SOURCE = "device-addresses-source";
    public static final String DEVICE_ADDRESS_UPDATER = "device-addresses-updater";

    private TunnelwatchTopology() {
    }

    public static Topology build(PeerStateListener listener) {
        return build(listener, DetectorSettings.defaults());
    }

    public static Topology build(PeerStateListener listener, DetectorSettings settings) {
        return build(listener, PeerStateListener.NONE, settings);
    }

    /**
     * @param listener      told of every peer's state (phase and alert metrics)
     * @param alertListener told of every device's DeviceSilent alert, on its {@code device|*} pseudo-peer
     */
    public static Topology build(PeerStateListener listener, PeerStateListener alertListener,
                                 DetectorSettings settings) {
        PeerStateStoreSerde storeSerde = new PeerStateStoreSerde();
        StoreBuilder<KeyValueStore<PeerKey, PeerState>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PEER_STATE_STORE), Topics.EVENTS.keySerde(), storeSerde)
                .withCachingEnabled();
        var wiring = new PeerTrackerProcessor.Wiring(PEER_STATE_STORE, PEER_STATE_SINK, ALERTS_SINK,
                ACTIVITY_SINK, DEVICE_STATUS_STORE, DEVICE_ADDRESS_STORE, TUNNEL_ENDS_SINK, UNPUBLISHED_STORE);
        Topology topology = new Topology()
                .addSource(EVENTS_SOURCE, Topics.EVENTS.keySerde().deserializer(),
                        wrapping(Topics.EVENTS.valueSerde().deserializer(), PeerInput.Event::new),
                        Topics.EVENTS.name())
                .addSource(COUNTERS_SOURCE, Topics.COUNTERS.keySerde().deserializer(),
                        wrapping(Topics.COUNTERS.valueSerde().deserializer(), PeerInput.Sample::new),
                        Topics.COUNTERS.name())
                .addSource(FAR_ENDS_SOURCE, StreamsTopics.FAR_ENDS.keySerde().deserializer(),
                        wrapping(StreamsTopics.FAR_ENDS.valueSerde().deserializer(), PeerInput.FarEnd::new),
                        StreamsTopics.FAR_ENDS.name())
                .addProcessor(PEER_TRACKER, () -> new PeerTrackerProcessor(wiring, listener, settings),
                        EVENTS_SOURCE, COUNTERS_SOURCE, FAR_ENDS_SOURCE)
                .addStateStore(store, PEER_TRACKER)
                .addStateStore(peerIndex(UNPUBLISHED_STORE), PEER_TRACKER)
                .addSink(PEER_STATE_SINK, StreamsTopics.PEER_STATE.name(),
                        StreamsTopics.PEER_STATE.keySerde().serializer(),
                        StreamsTopics.PEER_STATE.valueSerde().serializer(), PEER_TRACKER)
                .addSink(ALERTS_SINK, StreamsTopics.ALERTS.name(), StreamsTopics.ALERTS.keySerde().serializer(),
                        StreamsTopics.ALERTS.valueSerde().serializer(), PEER_TRACKER);
        addDeviceTracker(topology, alertListener, settings);
        addTunnelPairs(topology);
        return topology
                .addSink(ACTIVITY_SINK, StreamsTopics.DEVICE_ACTIVITY.name(),
                        StreamsTopics.DEVICE_ACTIVITY.keySerde().serializer(),
                        StreamsTopics.DEVICE_ACTIVITY.valueSerde().serializer(), PEER_TRACKER);
    }

    /**
     * A time-ordered index of peers ({@code DeadlineIndex}), cached like the states it points into. The timers are
     * not one: they are rebuilt from the states ({@code PeerTimers}); the unpublished peers are not in the states.
     */
    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> peerIndex(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /**
     * Both ends of a tunnel: the peer tracker re-keys each end's report to the device pair, the joiner hands it to
     * the opposite end on {@code tunnelwatch.far-ends}; which peer addresses are routers comes from the global
     * {@code device-addresses} store (the collector's inventory).
     */
    private static void addTunnelPairs(Topology topology) {
        Topic<PeerKey, TunnelEnd> ends = StreamsTopics.TUNNEL_ENDS;
        Topic<String, DeviceAddress> addresses = Topics.DEVICE_ADDRESSES;
        topology.addSink(TUNNEL_ENDS_SINK, ends.name(), ends.keySerde().serializer(), ends.valueSerde().serializer(),
                        PEER_TRACKER)
                .addSource(TUNNEL_ENDS_SOURCE, ends.keySerde().deserializer(), ends.valueSerde().deserializer(),
                        ends.name())
                .addProcessor(TUNNEL_PAIR_JOINER, () -> new TunnelPairProcessor(TUNNEL_PAIR_STORE, FAR_ENDS_SINK),
                        TUNNEL_ENDS_SOURCE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TUNNEL_PAIR_STORE),
                        ends.keySerde(), new JsonSerde<>(TunnelPair.class)).withCachingEnabled(),
                        TUNNEL_PAIR_JOINER)
                .addSink(FAR_ENDS_SINK, StreamsTopics.FAR_ENDS.name(), StreamsTopics.FAR_ENDS.keySerde().serializer(),
                        StreamsTopics.FAR_ENDS.valueSerde().serializer(), TUNNEL_PAIR_JOINER)
                // In memory, like device-status: most peers are not routers, so most lookups miss (see there).
                .addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEVICE_ADDRESS_STORE),
                                addresses.keySerde(), addresses.valueSerde()).withLoggingDisabled(),
                        DEVICE_ADDRESS_SOURCE, addresses.keySerde().deserializer(),
                        addresses.valueSerde().deserializer(), addresses.name(), DEVICE_ADDRESS_UPDATER,
                        () -> new GlobalStoreUpdater<String, DeviceAddress>(DEVICE_ADDRESS_STORE, a -> true));
    }

    private static void addDeviceTracker(Topology topology, PeerStateListener alertListener,
                                         DetectorSettings settings) {
        var wiring = new DeviceTrackerProcessor.Wiring(DEVICE_STATE_STORE, DEVICE_STATUS_SINK, DEVICE_ALERTS_SINK);
        Topic<PeerKey, DeviceActivity> activity = StreamsTopics.DEVICE_ACTIVITY;
        Topic<PeerKey, DeviceStatus> status = StreamsTopics.DEVICE_STATUS;
        topology.addSource(ACTIVITY_SOURCE, activity.keySerde().deserializer(), activity.valueSerde().deserializer(),
                        activity.name())
                .addProcessor(DEVICE_TRACKER, () -> new DeviceTrackerProcessor(wiring, alertListener, settings),
                        ACTIVITY_SOURCE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEVICE_STATE_STORE),
                        activity.keySerde(), new JsonSerde<>(DeviceState.class)).withCachingEnabled(),
                        DEVICE_TRACKER)
                .addSink(DEVICE_ALERTS_SINK, StreamsTopics.ALERTS.name(), StreamsTopics.ALERTS.keySerde().serializer(),
                        StreamsTopics.ALERTS.valueSerde().serializer(), DEVICE_TRACKER)
                .addSink(DEVICE_STATUS_SINK, status.name(), status.keySerde().serializer(),
                        status.valueSerde().serializer(), DEVICE_TRACKER)
                // In memory, rebuilt from the compacted topic at every start: it holds only the silent devices, so
                // nearly every lookup (each input of every peer) misses, and a miss in RocksDB's Java binding costs a
                // C++ exception thrown and caught (docs/performance.md#global-stores-in-memory).
                .addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEVICE_STATUS_STORE),
                                status.keySerde(), status.valueSerde()).withLoggingDisabled(),
                        DEVICE_STATUS_SOURCE, status.keySerde().deserializer(),
                        status.valueSerde().deserializer(), status.name(), DEVICE_STATUS_UPDATER,
                        () -> new GlobalStoreUpdater<PeerKey, DeviceStatus>(DEVICE_STATUS_STORE,
                                DeviceStatus::silent));
    }

    /** Reads a topic's value and wraps it as a {@link PeerInput}; null (a tombstone) stays null. */
    private static <T> Deserializer<PeerInput> wrapping(Deserializer<T> inner, Function<T, PeerInput> wrap) {
        return (topic, bytes) -> {
            T value = inner.deserialize(topic, bytes);
            return value == null ? null : wrap.apply(value);
        };
    }
}
