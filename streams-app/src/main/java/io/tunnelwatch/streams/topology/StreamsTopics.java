package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.events.json.PeerKeySerde;
import io.tunnelwatch.events.topic.Topic;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.util.List;
import java.util.stream.Stream;

/**
 * The topics the streams app writes (docs/architecture.md#topics), each with the serdes of the records it carries:
 * the app's own types as JSON, so a reader gets the record, not its text. The topics it only reads are in
 * {@link Topics}; {@link #ALL} is every topic tunnelwatch creates.
 */
public final class StreamsTopics {

    /** The current state of each peer, compacted; read outside the app, so its JSON is a published format. */
    public static final Topic<PeerKey, PeerState> PEER_STATE =
            new Topic<>("tunnelwatch.peer-state", new PeerKeySerde(), new PeerStateSerde(), true);

    /** Alert lifecycle records: opened / updated / resolved; read outside the app. */
    public static final Topic<PeerKey, AlertRecord> ALERTS =
            new Topic<>("tunnelwatch.alerts", new PeerKeySerde(), new JsonSerde<>(AlertRecord.class), false);

    /**
     * The streams app's own re-keying of device activity (heard from, poll failed), keyed {@code device|*}, so one
     * task judges a device's silence whichever partitions its peers live in. Same partition count as EVENTS.
     */
    public static final Topic<PeerKey, DeviceActivity> DEVICE_ACTIVITY = new Topic<>("tunnelwatch.device-activity",
            new PeerKeySerde(), new JsonSerde<>(DeviceActivity.class), false);

    /** Whether each device is silent, compacted; read as a global store by every streams task. */
    public static final Topic<PeerKey, DeviceStatus> DEVICE_STATUS = new Topic<>("tunnelwatch.device-status",
            new PeerKeySerde(), new JsonSerde<>(DeviceStatus.class), true);

    /**
     * The streams app's re-keying of each tunnel end's latest counters and rekeys, keyed by the unordered pair of
     * device names in the {@code device|peer} form {@code a|b} (a sorting before b), so one task sees both ends of a
     * tunnel between two monitored routers.
     */
    public static final Topic<PeerKey, TunnelEnd> TUNNEL_ENDS =
            new Topic<>("tunnelwatch.tunnel-ends", new PeerKeySerde(), new JsonSerde<>(TunnelEnd.class), false);

    /**
     * What the far end of a tunnel reported, keyed by the near end's {@code device|peer}: back to the peer tracker
     * that owns the near end. Same partition count as EVENTS.
     */
    public static final Topic<PeerKey, TunnelEnd> FAR_ENDS =
            new Topic<>("tunnelwatch.far-ends", new PeerKeySerde(), new JsonSerde<>(TunnelEnd.class), false);

    /** Every topic tunnelwatch creates, in the order they are created at start: {@link Topics#ALL}, then these. */
    public static final List<Topic<?, ?>> ALL = Stream.concat(Topics.ALL.stream(),
            Stream.of(PEER_STATE, ALERTS, DEVICE_ACTIVITY, DEVICE_STATUS, TUNNEL_ENDS, FAR_ENDS)).toList();

    private StreamsTopics() {
    }
}
