package io.tunnelwatch.streams;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/** Events and samples one tunnel peer produces, as the collector would publish them. */
public final class PeerFixtures {

    public static final PeerKey PEER = new PeerKey("rtr-hq-1", "198.51.100.7");
    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private PeerFixtures() {
    }

    /** A processor context configured as the app configures Kafka Streams, not with Kafka Streams' defaults. */
    public static <K, V> MockProcessorContext<K, V> processorContext() {
        return new MockProcessorContext<>(new StreamsSettings("unused:9092", "tunnelwatch-test", Path.of("unused"), 1,
                1, null, Map.of()).toProperties());
    }

    public static TunnelEvent event(EventKind kind, Instant at) {
        return event(kind, at, Map.of());
    }

    public static TunnelEvent event(EventKind kind, Instant at, Map<String, String> fields) {
        return event(kind, IkeVersion.IKEV2, at, fields, kind.name().toLowerCase() + " text");
    }

    public static TunnelEvent event(EventKind kind, IkeVersion version, Instant at, Map<String, String> fields,
                                    String text) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, PEER.device(), PEER.peer(), version,
                "CRYPTO-5-" + kind.name(), 5, fields, "*Nov 26 10:00:01.123", at, "192.0.2.1", "udp", text);
    }

    public static TunnelEvent ikeState(String state, Instant at) {
        return event(EventKind.IKE_STATE, at, Map.of("state", state));
    }

    /** A poll with the given per-interval deltas: encaps (packets out), decaps (packets in). */
    public static CounterSample sample(Instant at, int saCount, long encaps, long decaps) {
        return sample(at, saCount, encaps, decaps, 0, 0);
    }

    public static CounterSample sample(Instant at, int saCount, long encaps, long decaps, long replay, long drops) {
        CounterSample.Counters deltas = new CounterSample.Counters(decaps, encaps, decaps * 100, encaps * 100,
                drops, 0, replay, 0, 0, 0);
        return new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(), at, true, saCount, null, null,
                deltas, deltas);
    }
}
