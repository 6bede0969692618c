package io.tunnelwatch.streams;

import io.tunnelwatch.collector.syslog.LineOutcome;
import io.tunnelwatch.collector.syslog.SyslogLineReader;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.IosXeMessages;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.IpsecStatus;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.peer.UpDown;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    /**
     * A peer with every bounded list full: 20 events, 6 deltas, 16 up/downs, 8 phase changes and 8 alert steps
     * with 4 evidence lines each, an open alert and a far end; the event texts are real IOS-XE message texts.
     */
    public static PeerState fullHistory(String device, String peer, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PeerState.Builder b = PeerState.unknown(device, peer).toBuilder();
        Instant at = T0.plusMillis(random.nextInt(1_000_000));
        PeerPhase[] phases = {PeerPhase.IKE_NEGOTIATING, PeerPhase.IPSEC_UP, PeerPhase.DOWN};
        for (int i = 0; i < PeerState.MAX_EVENTS; i++) {
            at = at.plusMillis(1 + random.nextInt(90_000));
            boolean up = i % 2 == 0;
            b.event(new Evidence(at, up ? "SESSION_UP" : "SESSION_DOWN", "CRYPTO-5-SESSION_STATUS",
                    "Crypto tunnel is " + (up ? "UP" : "DOWN") + ".  Peer " + peer + ":500       Id: " + peer))
                    .lastEvent(at, "CRYPTO-5-SESSION_STATUS")
                    .upDown(new UpDown(at, up))
                    .phase(phases[i % phases.length], at);
        }
        for (int i = 0; i < PeerState.MAX_DELTAS; i++) {
            at = at.plusSeconds(60);
            b.sample(sample(at, 1, 1000 + random.nextInt(5000), random.nextInt(5000), i, random.nextInt(3)));
        }
        for (int i = 0; i < PeerState.MAX_ALERT_STEPS; i++) {
            List<String> evidence = new ArrayList<>();
            for (int e = 0; e < Milestone.MAX_EVIDENCE; e++) {
                evidence.add(at + " CRYPTO-4-RECVD_PKT_INV_SPI decaps: rec'd IPSEC packet has invalid spi for"
                        + " destaddr=" + peer + ", prot=50, spi=0x" + Integer.toHexString(random.nextInt()));
            }
            b.milestone(new Milestone(at.plusSeconds(i), i % 2 == 0 ? Milestone.Kind.OPENED
                    : Milestone.Kind.RESOLVED, "DecapsStalled", "no packets decrypted for 3 polls while encaps"
                    + " grows", evidence));
        }
        return b.ikeVersion(IkeVersion.IKEV2)
                .natT(true)
                .ike(IkeStatus.UNKNOWN.enter(IkeState.READY, at).failed(EventKind.IKE_AUTH_FAILED, at))
                .ipsec(IpsecStatus.UNKNOWN.enter(IpsecState.NO_SA, at)
                        .failed(EventKind.IPSEC_SETUP_FAILED, "transform set mismatch", at))
                .tunnel(new PeerState.TunnelInterface("Tunnel" + random.nextInt(1000), true, at))
                .sourceInterface("GigabitEthernet0/0/1")
                .cryptoAcl("VPN-TO-" + device.toUpperCase())
                .probeFailing(Boolean.FALSE)
                .farEnd(new TunnelEnd(TunnelEnd.VERSION, "rtr-far", "192.0.2.1", device, at,
                        b.recentDeltas(), at, "IPSEC_SA_UP"))
                .openAlert(new OpenAlert("a-" + seed, AlertType.DECAPS_STALLED, at, "decaps flat for 3 polls",
                        List.of("CryptoErrors"), null))
                .nextCheckAt(at.plusSeconds(60))
                .build();
    }
}
