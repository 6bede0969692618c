package io.tunnelwatch.events.topic;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.json.CounterSampleSerde;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.events.json.PeerKeySerde;
import io.tunnelwatch.events.json.TunnelEventSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of docs/architecture.md#topics, with its serdes. */
public final class Topics {

    /** Typed events from syslog and traps, keyed {@code device|peer}. */
    public static final Topic<PeerKey, TunnelEvent> EVENTS =
            new Topic<>("tunnelwatch.events", new PeerKeySerde(), new TunnelEventSerde(), false);

    /** SNMP counter samples, one per peer per poll, keyed {@code device|peer}. */
    public static final Topic<PeerKey, CounterSample> COUNTERS =
            new Topic<>("tunnelwatch.counters", new PeerKeySerde(), new CounterSampleSerde(), false);

    /** Optional raw copy of syslog lines that are not crypto messages, keyed by the sender. */
    public static final Topic<String, String> SYSLOG_RAW =
            new Topic<>("tunnelwatch.syslog.raw", Serdes.String(), Serdes.String(), false);

    /** The current state of each peer (JSON), compacted. */
    public static final Topic<PeerKey, String> PEER_STATE =
            new Topic<>("tunnelwatch.peer-state", new PeerKeySerde(), Serdes.String(), true);

    /** Alert lifecycle records (JSON): opened / updated / resolved. */
    public static final Topic<PeerKey, String> ALERTS =
            new Topic<>("tunnelwatch.alerts", new PeerKeySerde(), Serdes.String(), false);

    /**
     * The streams app's own re-keying of device activity (JSON: heard from, poll failed), keyed {@code device|*}, so
     * one task judges a device's silence whichever partitions its peers live in. Same partition count as EVENTS.
     */
    public static final Topic<PeerKey, String> DEVICE_ACTIVITY =
            new Topic<>("tunnelwatch.device-activity", new PeerKeySerde(), Serdes.String(), false);

    /** Whether each device is silent (JSON), compacted; read as a global store by every streams task. */
    public static final Topic<PeerKey, String> DEVICE_STATUS =
            new Topic<>("tunnelwatch.device-status", new PeerKeySerde(), Serdes.String(), true);

    /**
     * The inventory's addresses (JSON {@link DeviceAddress}), keyed by the address, compacted: published by the
     * collector at start, read as a global store by the streams app to find peers that are monitored routers too.
     */
    public static final Topic<String, DeviceAddress> DEVICE_ADDRESSES =
            new Topic<>("tunnelwatch.device-addresses", Serdes.String(), new JsonSerde<>(DeviceAddress.class), true);

    /**
     * The streams app's re-keying of each tunnel end's latest counters and rekeys (JSON), keyed by the unordered
     * pair of device names in the {@code device|peer} form {@code a|b} (a sorting before b), so one task sees both
     * ends of a tunnel between two monitored routers.
     */
    public static final Topic<PeerKey, String> TUNNEL_ENDS =
            new Topic<>("tunnelwatch.tunnel-ends", new PeerKeySerde(), Serdes.String(), false);

    /**
     * What the far end of a tunnel reported (JSON), keyed by the near end's {@code device|peer}: back to the peer
     * tracker that owns the near end. Same partition count as EVENTS.
     */
    public static final Topic<PeerKey, String> FAR_ENDS =
            new Topic<>("tunnelwatch.far-ends", new PeerKeySerde(), Serdes.String(), false);

    /** All of them, in the order they are created at start. */
    public static final List<Topic<?, ?>> ALL = List.of(EVENTS, COUNTERS, SYSLOG_RAW, PEER_STATE, ALERTS,
            DEVICE_ACTIVITY, DEVICE_STATUS, DEVICE_ADDRESSES, TUNNEL_ENDS, FAR_ENDS);

    private Topics() {
    }
}
