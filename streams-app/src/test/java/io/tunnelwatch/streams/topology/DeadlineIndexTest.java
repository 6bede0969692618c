package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.PeerFixtures;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final PeerKey A = new PeerKey("rtr-a", "198.51.100.7");
    private static final PeerKey B = new PeerKey("rtr-b", "2001:db8::7");
    private static final PeerKey C = new PeerKey("rtr-c", "203.0.113.9");

    private KeyValueStore<Bytes, byte[]> store;
    private DeadlineIndex index;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("deadlines"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(PeerFixtures.processorContext().getStateStoreContext(), store);
        index = new DeadlineIndex(store);
    }

    @Test
    void shouldReturnOnlyTheDueEntriesEarliestFirstAndRemoveThem() {
        index.reschedule(C, null, T.plusSeconds(120));
        index.reschedule(B, null, T.plusSeconds(60));
        index.reschedule(A, null, T.plusMillis(59_999));

        assertThat(index.takeDue(T.plusSeconds(60))).containsExactly(A, B);
        assertThat(index.takeDue(T.plusSeconds(60))).isEmpty();
        assertThat(index.takeDue(T.plusSeconds(119))).isEmpty();
        assertThat(index.takeDue(T.plusSeconds(121))).containsExactly(C);
    }

    @Test
    void shouldMoveAPeersTimerInsteadOfAddingASecond() {
        index.reschedule(A, null, T.plusSeconds(10));
        index.reschedule(A, T.plusSeconds(10), T.plusSeconds(90));

        assertThat(index.takeDue(T.plusSeconds(60))).isEmpty();
        assertThat(index.takeDue(T.plusSeconds(90))).containsExactly(A);
    }

    @Test
    void shouldDropAPeersTimerWhenItHasNoneLeft() {
        index.reschedule(A, null, T.plusSeconds(10));
        index.reschedule(A, T.plusSeconds(10), null);

        assertThat(index.takeDue(T.plusSeconds(3600))).isEmpty();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldListEveryScheduledEntryEarliestFirstWithoutTakingIt() {
        index.reschedule(B, null, T.plusSeconds(60));
        index.reschedule(A, null, T.plusSeconds(5));
        var seen = new java.util.LinkedHashMap<PeerKey, Instant>();

        index.forEachScheduled(seen::put);

        assertThat(seen).containsExactly(java.util.Map.entry(A, T.plusSeconds(5)),
                java.util.Map.entry(B, T.plusSeconds(60)));
        assertThat(index.takeDue(T.plusSeconds(60))).containsExactly(A, B);
    }

    @Test
    void shouldSortKeysByTimeWhateverThePeerName() {
        Bytes earlyLongName = DeadlineIndex.keyOf(T, new PeerKey("zzzz-router-with-a-long-name", "2001:db8::1"));
        Bytes laterShortName = DeadlineIndex.keyOf(T.plusMillis(1), new PeerKey("a", "1.1.1.1"));

        assertThat(earlyLongName.compareTo(laterShortName)).isNegative();
        assertThat(DeadlineIndex.peerOf(laterShortName)).isEqualTo(new PeerKey("a", "1.1.1.1"));
    }
}
