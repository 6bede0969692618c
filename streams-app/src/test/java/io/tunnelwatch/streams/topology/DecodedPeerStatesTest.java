package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.PeerKeySerde;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateStoreSerde;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decoded states in front of the peer-state store: the store stays the truth, the front only saves decoding. */
class DecodedPeerStatesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final KeyValueStore<PeerKey, PeerState> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("peer-state"), new PeerKeySerde(), new PeerStateStoreSerde())
            .withLoggingDisabled().build();

    @BeforeEach
    void initStore() {
        MockProcessorContext<PeerKey, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void shouldWriteThroughSoTheStoreAlwaysHoldsTheLatestState() {
        DecodedPeerStates states = new DecodedPeerStates(store, 2);
        PeerKey key = new PeerKey("r1", "10.0.0.1");
        states.put(key, state("r1", "10.0.0.1", PeerPhase.IKE_UP));
        states.put(key, state("r1", "10.0.0.1", PeerPhase.IPSEC_UP));

        assertThat(store.get(key).phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(states.get(key).phase()).isEqualTo(PeerPhase.IPSEC_UP);
    }

    @Test
    void shouldReadAStateItNeverSawFromTheStoreAndKeepItDecoded() {
        PeerKey key = new PeerKey("r1", "10.0.0.1");
        store.put(key, state("r1", "10.0.0.1", PeerPhase.DOWN)); // restored from the changelog, say
        DecodedPeerStates states = new DecodedPeerStates(store, 2);

        PeerState first = states.get(key);
        assertThat(first.phase()).isEqualTo(PeerPhase.DOWN);
        assertThat(states.get(key)).isSameAs(first);
        assertThat(states.get(new PeerKey("r1", "10.0.0.9"))).isNull();
        assertThat(states.decodedCount()).isEqualTo(1);
    }

    @Test
    void shouldDropTheLeastRecentlyUsedBeyondItsCapacityAndStillAnswerFromTheStore() {
        DecodedPeerStates states = new DecodedPeerStates(store, 2);
        PeerKey a = new PeerKey("r1", "10.0.0.1");
        PeerKey b = new PeerKey("r1", "10.0.0.2");
        PeerKey c = new PeerKey("r1", "10.0.0.3");
        PeerState stateA = state("r1", "10.0.0.1", PeerPhase.IPSEC_UP);
        states.put(a, stateA);
        states.put(b, state("r1", "10.0.0.2", PeerPhase.IPSEC_UP));
        states.get(a); // a is now the most recently used: b goes first
        states.put(c, state("r1", "10.0.0.3", PeerPhase.IPSEC_UP));

        assertThat(states.decodedCount()).isEqualTo(2);
        assertThat(states.get(a)).isSameAs(stateA);
        PeerState bAgain = states.get(b);
        assertThat(bAgain).isEqualTo(store.get(b)).isNotNull();
        assertThat(bAgain.peer()).isEqualTo("10.0.0.2");
    }

    @Test
    void shouldRefuseACapacityBelowOne() {
        assertThatThrownBy(() -> new DecodedPeerStates(store, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static PeerState state(String device, String peer, PeerPhase phase) {
        return PeerState.unknown(device, peer).toBuilder().phase(phase, T0).lastEventAt(T0).build();
    }
}
