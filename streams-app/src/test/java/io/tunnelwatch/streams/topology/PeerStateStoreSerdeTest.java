package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.fullHistory;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateCodec;
import io.tunnelwatch.streams.peer.UpDown;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store's binary PeerState (layout 4): every state reads back equal, what the store held before still reads (the
 * JSON of release 0.1, the layouts 1 of 0.2, 2 of 0.3 and 3 of 0.4), a full-history peer is a small fraction of its
 * JSON, and a bad record fails naming the topic and the fault.
 */
class PeerStateStoreSerdeTest {

    private static final String TOPIC = "tunnelwatch-peer-state-changelog";
    private final PeerStateStoreSerde store = new PeerStateStoreSerde();
    private final PeerStateSerde json = new PeerStateSerde();

    @Test
    void shouldReadBackEveryGeneratedStateItWrote() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 500; i++) {
            String peer = i % 3 == 0 ? "2001:db8:" + Integer.toHexString(i) + "::" + (i % 9 + 1) : "10.0." + (i % 250)
                    + "." + (i % 7 + 1);
            PeerState state = i % 5 == 0 ? PeerState.unknown("rtr-" + i, peer)
                    : fullHistory("rtr-" + random.nextInt(10_000), peer, i);
            if (i % 7 == 0) {
                state = state.toBuilder()
                        .event(new Evidence(T0, "SESSION_DOWN", null, "é\"\n".repeat(200)))
                        .milestone(new Milestone(T0, Milestone.Kind.PHASE, "DOWN", null, List.of("x".repeat(500))))
                        .tunnel(null).farEnd(null).openAlert(null).probeFailing(null).build();
            }
            byte[] bytes = store.serializer().serialize(TOPIC, state);
            assertThat(bytes[0]).isEqualTo((byte) PeerStateCodec.LAYOUT_4);
            assertThat(store.deserializer().deserialize(TOPIC, bytes)).as("state %d", i)
                    .isEqualTo(state);
        }
    }

    /** The JSON serde's own test states: nanosecond times, non-ASCII text, every optional part set and unset. */
    @Test
    void shouldReadBackTheJsonSerdesTestStates() {
        PeerStateSerdeTest.states().forEach(state -> assertThat(store.deserializer()
                .deserialize(TOPIC, store.serializer().serialize(TOPIC, state))).isEqualTo(state));
    }

    @Test
    void shouldKeepTimesFarFromTheBaseAndBeforeTheEpoch() {
        Instant late = Instant.parse("2100-01-01T00:00:00.123456789Z");
        Instant early = Instant.parse("1969-12-31T23:59:59.999999Z");
        PeerState state = PeerState.unknown("d", "p").toBuilder().lastEvent(T0, "X").phase(PeerPhase.DOWN, early)
                .nextCheckAt(late).event(new Evidence(Instant.MIN, "K", null, null))
                .upDown(new UpDown(Instant.MAX, true)).build();

        assertThat(store.deserializer().deserialize(TOPIC, store.serializer().serialize(TOPIC, state)))
                .isEqualTo(state);
    }

    @Test
    void shouldReadTheJsonTheStoreHeldBefore() throws IOException {
        byte[] captured = resource("/peer-state/v0-full-history.json");
        PeerState state = store.deserializer().deserialize(TOPIC, captured);
        assertThat(state).isEqualTo(fullHistory("rtr-hq-1", "198.51.100.7", 1));
        assertThat(state.milestones()).hasSize(PeerState.MAX_PHASE_CHANGES + PeerState.MAX_ALERT_STEPS);
        assertThat(store.deserializer().deserialize(TOPIC, store.serializer().serialize(TOPIC, state)))
                .isEqualTo(state);
    }

    /**
     * Layout 1, as release 0.2 wrote it: {@code layout1-states.bin} holds the JSON serde's test states and a
     * full-history peer, each a 4-byte length and the record, written by that release's {@code PeerStateCodec}.
     * They read back whole, and write back in the newest layout unchanged.
     */
    @Test
    void shouldReadTheLayoutOneAnOlderReleaseWrote() throws IOException {
        List<PeerState> read = new ArrayList<>();
        for (byte[] record : records("/peer-state/layout1-states.bin", PeerStateCodec.LAYOUT_1)) {
            read.add(store.deserializer().deserialize(TOPIC, record));
        }
        assertThat(read).containsExactlyElementsOf(capturedStates());
        assertThat(read.get(read.size() - 1).milestones())
                .hasSize(PeerState.MAX_PHASE_CHANGES + PeerState.MAX_ALERT_STEPS);
        assertThat(read).allSatisfy(state -> assertThat(store.deserializer().deserialize(TOPIC,
                store.serializer().serialize(TOPIC, state))).isEqualTo(state));
    }

    /**
     * Layouts 2 and 3, as releases 0.3 and 0.4 wrote them ({@code layout2-states.bin}, {@code layout3-states.bin}:
     * the same states, written by each release's {@code PeerStateCodec}). They read back whole (a layout 3 timeline
     * kept as read), and write back in the newest layout unchanged.
     */
    @ParameterizedTest
    @ValueSource(ints = {PeerStateCodec.LAYOUT_2, PeerStateCodec.LAYOUT_3})
    void shouldReadTheLayoutAnOlderReleaseWrote(int layout) throws IOException {
        List<byte[]> records = records("/peer-state/layout" + layout + "-states.bin", layout);
        List<PeerState> expected = capturedStates();
        assertThat(records).hasSameSizeAs(expected);
        for (int i = 0; i < records.size(); i++) {
            PeerState read = store.deserializer().deserialize(TOPIC, records.get(i));
            assertThat(read).isEqualTo(expected.get(i));
            assertThat(store.deserializer().deserialize(TOPIC, store.serializer().serialize(TOPIC, read)))
                    .isEqualTo(expected.get(i));
        }
    }

    /**
     * Layout 4 as this release writes it ({@code layout4-states.bin}: the same states). They read back, and the writer
     * still writes the very same bytes, from the states and from the states read back (their timelines copied as
     * read): a change to the format, the well-known strings included, needs a new layout.
     */
    @Test
    void shouldReadAndStillWriteTheLayoutFourOfThisRelease() throws IOException {
        List<byte[]> records = records("/peer-state/layout4-states.bin", PeerStateCodec.LAYOUT_4);
        List<PeerState> expected = capturedStates();
        assertThat(records).hasSameSizeAs(expected);
        for (int i = 0; i < records.size(); i++) {
            PeerState read = store.deserializer().deserialize(TOPIC, records.get(i));
            assertThat(store.serializer().serialize(TOPIC, read)).isEqualTo(records.get(i));
            assertThat(read).isEqualTo(expected.get(i));
            assertThat(store.serializer().serialize(TOPIC, expected.get(i))).isEqualTo(records.get(i));
        }
    }

    /** The states each captured layout file holds, in order. */
    private static List<PeerState> capturedStates() {
        List<PeerState> states = new ArrayList<>(PeerStateSerdeTest.states().toList());
        states.add(fullHistory("rtr-hq-1", "198.51.100.7", 1));
        return states;
    }

    /** The records of a captured layout file (each a 4-byte length, then the record), all of {@code layout}. */
    private static List<byte[]> records(String resource, int layout) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(resource(resource)))) {
            while (in.available() > 0) {
                byte[] record = new byte[in.readInt()];
                in.readFully(record);
                assertThat(record[0]).as("layout byte of record %d", records.size()).isEqualTo((byte) layout);
                records.add(record);
            }
        }
        return records;
    }

    /** docs/performance.md#a-binary-peer-state has where these bytes go. */
    @Test
    void shouldWriteAFullHistoryPeerInUnder2000Bytes() {
        PeerState state = fullHistory("rtr-branch-0042", "198.51.100.7", 3);
        int jsonBytes = json.serializer().serialize(TOPIC, state).length;
        int binaryBytes = store.serializer().serialize(TOPIC, state).length;
        System.out.printf("full-history peer: JSON %d B, binary %d B%n", jsonBytes, binaryBytes);
        assertThat(jsonBytes).isGreaterThan(9_000);
        assertThat(binaryBytes).as("layout 3: the timeline's lines written against one another").isLessThan(2_000);
    }

    @Test
    void shouldWriteAQuietPeerInUnder250Bytes() {
        PeerState state = PeerState.unknown("rtr-branch-0042", "198.51.100.7").toBuilder()
                .phase(PeerPhase.IPSEC_UP, T0).lastEvent(T0, "CRYPTO-5-SESSION_STATUS")
                .event(new Evidence(T0, "SESSION_UP", "CRYPTO-5-SESSION_STATUS",
                        "Crypto tunnel is UP.  Peer 198.51.100.7:500       Id: 198.51.100.7"))
                .sample(sample(T0.plusSeconds(60), 1, 1200, 1100, 0, 0))
                .build();
        int binaryBytes = store.serializer().serialize(TOPIC, state).length;
        System.out.printf("quiet peer: JSON %d B, binary %d B%n", json.serializer().serialize(TOPIC, state).length,
                binaryBytes);
        assertThat(binaryBytes).isLessThan(250);
    }

    @Test
    void shouldNameTheTopicAndTheFaultOfABadRecord() {
        byte[] good = store.serializer().serialize(TOPIC, fullHistory("rtr-a", "10.0.0.1", 5));
        for (int cut = 1; cut < good.length; cut += 7) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> store.deserializer().deserialize(TOPIC, truncated)).as("cut at %d", cut)
                    .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC);
        }
        byte[] padded = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> store.deserializer().deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class).hasMessageContaining("bytes left");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            byte[] corrupt = good.clone();
            corrupt[1 + random.nextInt(corrupt.length - 1)] = (byte) random.nextInt(256);
            try {
                store.deserializer().deserialize(TOPIC, corrupt);
            } catch (SerializationException expected) {
                assertThat(expected).hasMessageContaining(TOPIC);
            }
        }
        assertThatThrownBy(() -> store.deserializer().deserialize(TOPIC, new byte[] {7, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown peer state layout 7");
        assertThatThrownBy(() -> store.deserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("empty");
        assertThat(store.deserializer().deserialize(TOPIC, null)).isNull();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PeerStateStoreSerdeTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
