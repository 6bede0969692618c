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

/**
 * The topics of docs/architecture.md#topics whose records are this module's types (the collector writes them), with
 * their serdes. The topics the streams app writes carry its own types and are declared there
 * ({@code io.tunnelwatch.streams.topology.StreamsTopics}).
 */
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

    /**
     * The inventory's addresses (JSON {@link DeviceAddress}), keyed by the address, compacted: published by the
     * collector at start, read as a global store by the streams app to find peers that are monitored routers too.
     */
    public static final Topic<String, DeviceAddress> DEVICE_ADDRESSES =
            new Topic<>("tunnelwatch.device-addresses", Serdes.String(), new JsonSerde<>(DeviceAddress.class), true);

    /** All of them; {@code StreamsTopics.ALL} adds the streams app's to make the list of topics created at start. */
    public static final List<Topic<?, ?>> ALL = List.of(EVENTS, COUNTERS, SYSLOG_RAW, DEVICE_ADDRESSES);

    private Topics() {
    }
}
