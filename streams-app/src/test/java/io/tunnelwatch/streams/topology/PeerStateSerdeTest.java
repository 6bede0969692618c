package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.ikeState;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.IpsecStatus;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import io.tunnelwatch.streams.peer.RoutingAdjacency;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.peer.UpDown;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming PeerState serde must write exactly what data binding writes and read it back equal, so a store or a
 * {@code tunnelwatch.peer-state} record written by either is read alike by both.
 */
class PeerStateSerdeTest {

    private final PeerStateSerde streaming = new PeerStateSerde();
    private final JsonSerde<PeerState> binding = new JsonSerde<>(PeerState.class);

    static Stream<PeerState> states() {
        PeerStateMachine machine = new PeerStateMachine();
        List<PeerState> states = new ArrayList<>();
        PeerState s = null;
        s = machine.apply(s, ikeState("MM_SA_SETUP", T0));
        states.add(s);
        s = machine.apply(s, event(EventKind.IKE_PROPOSAL_REJECTED, T0.plusSeconds(1)));
        states.add(s);
        s = machine.apply(s, event(EventKind.SESSION_UP, T0.plusSeconds(2)));
        for (int i = 0; i < 8; i++) {
            s = machine.apply(s, sample(T0.plusSeconds(60L * i), 1, 500 + i, i % 3 == 0 ? 0 : 400, i, i));
        }
        states.add(s);
        states.add(full(s));
        states.add(PeerState.unknown("rtr \"ü\" 日本", "2001:db8::7"));
        return states.stream();
    }

    /** Every optional part set, text that needs escaping, nanosecond times. */
    private static PeerState full(PeerState s) {
        Instant at = Instant.parse("2026-11-26T10:00:01.000000123Z");
        var far = new TunnelEnd(TunnelEnd.VERSION, "rtr-b", "192.0.2.1", "rtr-a", at, s.recentDeltas(), at,
                "IPSEC_SA_UP");
        var alert = new OpenAlert("id-1", AlertType.DECAPS_STALLED, at, "one-way \"traffic\"\n\ttab",
                List.of("CryptoErrors", "MtuSuspected"), at.plusMillis(5));
        return s.toBuilder()
                .tunnel(new PeerState.TunnelInterface("Tunnel7", false, at))
                .sourceInterface("GigabitEthernet0/0/0")
                .cryptoAcl("VPN-TO-BRANCH7")
                .tunnelName("Tunnel7")
                .probeFailing(Boolean.TRUE)
                .upDown(new UpDown(at, true))
                .upDown(new UpDown(at.plusSeconds(1), false))
                .event(new Evidence(at, "SESSION_DOWN", null, "Grüße \u0001 \uD83D\uDE00 end"))
                .farEnd(far)
                .openAlert(alert)
                .nextCheckAt(at.plusSeconds(60))
                .milestone(new Milestone(at, Milestone.Kind.OPENED, "DecapsStalled", "<script>\"x\"</script>",
                        List.of("2026-11-26T10:00:01Z CRYPTO-4-X text", "é")))
                .milestone(new Milestone(at.plusSeconds(1), Milestone.Kind.RESOLVED, "DecapsStalled", null, null))
                .adjacency(new RoutingAdjacency("ospf", "3.3.3.3", "Tunnel7", false, at,
                        "Neighbor Down: Dead timer expired"))
                .adjacency(new RoutingAdjacency("bgp", "169.254.22.6", null, true, at.plusSeconds(2), null))
                .ike(s.ike().failed(EventKind.IKE_AUTH_FAILED, at).retransmitted(at))
                .ipsec(s.ipsec().failed(EventKind.IPSEC_SETUP_FAILED, "transform set", at))
                .build();
    }

    @ParameterizedTest
    @MethodSource("states")
    void shouldWriteTheSameBytesAsDataBindingAndReadThemBack(PeerState state) {
        byte[] fast = streaming.serializer().serialize("t", state);

        assertThat(new String(fast, StandardCharsets.UTF_8))
                .isEqualTo(new String(binding.serializer().serialize("t", state), StandardCharsets.UTF_8));
        assertThat(streaming.deserializer().deserialize("t", fast)).isEqualTo(state);
        assertThat(binding.deserializer().deserialize("t", fast)).isEqualTo(state);
    }

    @Test
    void shouldAgreeWithDataBindingOnRandomStates() {
        SplittableRandom random = new SplittableRandom(17);
        PeerState base = full(states().skip(2).findFirst().orElseThrow());
        for (int i = 0; i < 1_000; i++) {
            PeerState state = randomize(base, random, i);
            byte[] bound = binding.serializer().serialize("t", state);

            assertThat(streaming.serializer().serialize("t", state)).as("state %d", i).isEqualTo(bound);
            assertThat(streaming.deserializer().deserialize("t", bound)).as("state %d", i).isEqualTo(state);
        }
    }

    private static PeerState randomize(PeerState base, SplittableRandom random, int i) {
        Instant at = Instant.ofEpochSecond(1_795_000_000L + random.nextInt(1_000_000),
                random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
        PeerState.Builder b = PeerState.unknown("rtr-" + i, "10.0." + i % 200 + ".1").toBuilder()
                .phase(PeerPhase.values()[random.nextInt(PeerPhase.values().length)], at)
                .ikeVersion(IkeVersion.values()[random.nextInt(IkeVersion.values().length)])
                .natT(random.nextBoolean())
                .lastEvent(random.nextBoolean() ? at : null, random.nextBoolean() ? "CRYPTO-5-X" : null)
                .ike(new IkeStatus(IkeState.values()[random.nextInt(IkeState.values().length)], at,
                        random.nextBoolean() ? EventKind.IKE_AUTH_FAILED : null, null, at))
                .ipsec(new IpsecStatus(IpsecState.values()[random.nextInt(IpsecState.values().length)], null, null,
                        random.nextBoolean() ? "é" : null, at))
                .probeFailing(random.nextInt(3) == 0 ? null : random.nextBoolean())
                .tunnel(random.nextBoolean() ? null : new PeerState.TunnelInterface(null, random.nextBoolean(), at))
                .farEnd(random.nextBoolean() ? null : base.farEnd())
                .openAlert(random.nextBoolean() ? null : base.openAlert())
                .nextCheckAt(random.nextBoolean() ? null : at);
        int samples = random.nextInt(9);
        for (int k = 0; k < samples; k++) {
            long[] c = random.longs(10, 0, 1L << 40).toArray();
            var counters = new CounterSample.Counters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
            b.sample(new CounterSample(1, "rtr-" + i, "p", at.plusSeconds(60L * k), random.nextBoolean(),
                    random.nextInt(4), random.nextBoolean() ? null : "active", "x", counters, counters));
        }
        for (int k = random.nextInt(25); k > 0; k--) {
            b.event(new Evidence(at.plusMillis(k), "K" + k, random.nextBoolean() ? null : "M", "t" + k));
            b.upDown(new UpDown(at.plusMillis(k), random.nextBoolean()));
            b.adjacency(new RoutingAdjacency(random.nextBoolean() ? "ospf" : null, "10.0.0." + k % 12,
                    random.nextBoolean() ? "Tunnel" + k : null, random.nextBoolean(), at.plusMillis(k),
                    random.nextBoolean() ? null : "r\"" + k));
        }
        return b.build();
    }

    @Test
    void shouldReuseTheBytesWhenTheSameStateIsWrittenTwice() {
        PeerState state = states().skip(2).findFirst().orElseThrow();
        Serializer<PeerState> store = streaming.serializer();
        Serializer<PeerState> sink = streaming.serializer();

        byte[] first = store.serialize("store", state);
        byte[] again = sink.serialize("sink", state);
        byte[] copy = sink.serialize("sink", state.toBuilder().build());

        assertThat(again).isSameAs(first);
        assertThat(copy).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void shouldSkipUnknownFieldsAndDefaultMissingOnes() {
        String json = "{\"device\":\"d\",\"future\":{\"x\":[1,2]},\"peer\":\"p\",\"ike\":{\"state\":\"READY\","
                + "\"extra\":true},\"recentDeltas\":[{\"at\":\"2026-11-26T10:00:00Z\",\"encaps\":5,\"new\":0}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        PeerState back = streaming.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(binding.deserializer().deserialize("t", bytes));
        assertThat(back.ike().state()).isEqualTo(IkeState.READY);
        assertThat(back.recentDeltas()).singleElement().extracting(CounterDelta::encaps).isEqualTo(5L);
    }

    @Test
    void shouldFailWithTheTopicNamedOnBadValues() {
        for (String bad : new String[] {"[1]", "{\"peer\":\"p\"}", "{", "{\"device\":\"d\",\"peer\":\"p\","
                + "\"phase\":\"NO_SUCH_PHASE\"}", "{\"device\":\"d\",\"peer\":\"p\",\"nextCheckAt\":\"soon\"}"}) {
            assertThatThrownBy(() -> streaming.deserializer()
                    .deserialize("tunnelwatch.peer-state", bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("tunnelwatch.peer-state");
        }
    }

    @Test
    void shouldReadAStateWrittenBeforeTheTimelineWasKeptWithAnEmptyTimeline() throws Exception {
        byte[] old;
        try (var in = getClass().getResourceAsStream("/peer-state/v2-before-milestones.json")) {
            old = in.readAllBytes();
        }

        PeerState back = streaming.deserializer().deserialize("t", old);

        assertThat(back).isEqualTo(binding.deserializer().deserialize("t", old));
        assertThat(back.milestones()).isEmpty();
        assertThat(back.openAlert().type()).isEqualTo(AlertType.PEER_UNREACHABLE);
        assertThat(back.recentEvents()).singleElement().extracting(Evidence::kind).isEqualTo("SESSION_DOWN");
        assertThat(back.toBuilder().phase(PeerPhase.IPSEC_UP, Instant.parse("2026-11-26T10:05:00Z")).build()
                .milestones()).extracting(Milestone::name).containsExactly("IPSEC_UP");
    }
}
