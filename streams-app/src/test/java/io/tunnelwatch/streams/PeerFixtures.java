package io.tunnelwatch.streams;

import io.tunnelwatch.collector.syslog.LineOutcome;
import io.tunnelwatch.collector.syslog.SyslogLineReader;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.IosXeMessages;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/** Events and samples one tunnel peer produces, as the collector would publish them. */
public final class PeerFixtures {

    public static final PeerKey PEER = new PeerKey("rtr-hq-1", "198.51.100.7");
    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    /** The collector's reader of syslog lines, every sender being {@link #PEER}'s device. */
    private static final SyslogLineReader LINES = new SyslogLineReader((ip, originId) -> PEER.device(),
            Clock.systemUTC());

    private PeerFixtures() {
    }

    /** A processor context configured as the app configures Kafka Streams, not with Kafka Streams' defaults. */
    public static <K, V> MockProcessorContext<K, V> processorContext() {
        return new MockProcessorContext<>(new StreamsSettings("unused:9092", "tunnelwatch-test", Path.of("unused"), 1,
                1, null, Map.of()).toProperties());
    }

    /**
     * What the collector publishes when {@link #PEER}'s router logs row {@code id} of IOS-XE's sourced message table
     * (events' {@code ios-xe-messages.tsv}) at {@code at}: the row rendered with {@code namesAndValues} (its
     * {@code peer} is PEER's), framed as the router sends it and read by the collector's own {@link SyslogLineReader},
     * plus {@code facts} the inventory adds (source interface, crypto ACL). Detector tests that use it see the event a
     * real router's line gives, not a text written for the test.
     */
    public static TunnelEvent sourced(Instant at, Map<String, String> facts, String id, Object... namesAndValues) {
        Object[] values = Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
        values[values.length - 2] = "peer";
        values[values.length - 1] = PEER.peer();
        String line = "<189>12: *Nov 26 10:00:01.123: " + IosXeMessages.render(id, values);
        LineOutcome outcome = LINES.read(line, "192.0.2.1", "udp", at);
        if (!(outcome instanceof LineOutcome.Event read) || !PEER.equals(read.event().key())) {
            throw new IllegalStateException("the collector does not read '" + line + "' as an event of " + PEER
                    + ": " + outcome);
        }
        TunnelEvent e = read.event();
        Map<String, String> fields = new HashMap<>(e.fields());
        fields.putAll(facts);
        return new TunnelEvent(e.v(), e.kind(), e.layer(), e.device(), e.peer(), e.ikeVersion(), e.mnemonic(),
                e.severity(), fields, e.routerTime(), e.receivedAt(), e.source(), e.transport(), e.text());
    }

    public static TunnelEvent sourced(Instant at, String id, Object... namesAndValues) {
        return sourced(at, Map.of(), id, namesAndValues);
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
