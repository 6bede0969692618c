package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.peer.PeerState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's peer states: its {@code peer-state} store, with the most recently used states kept decoded in front of
 * it. Every input reads its peer's state; through the store alone that is a key encoding, a look-up in Kafka
 * Streams' record cache and a decoding of the binary state, for a state that in a burst was decoded a moment
 * before (docs/performance.md#decoded-states-in-front-of-the-store). Writes go through to the store at once, so the
 * store stays the one place that is committed, logged and queried, and dropping an entry here loses nothing.
 *
 * <p>Used by the task's own StreamThread only (interactive queries read the store itself), so it is not
 * synchronised.
 */
final class DecodedPeerStates {

    /**
     * States kept decoded per task. A peer with a full history takes a few kilobytes of heap decoded, so 12 tasks
     * of 1,024 stay within tens of megabytes; a fleet's busy peers in a burst, far fewer than its peers, fit.
     */
    static final int DEFAULT_CAPACITY = 1024;

    private final KeyValueStore<PeerKey, PeerState> store;
    private final Map<PeerKey, PeerState> recent;

    DecodedPeerStates(KeyValueStore<PeerKey, PeerState> store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.store = store;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 4096) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PeerKey, PeerState> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The peer's state, or null when the task has none. */
    PeerState get(PeerKey key) {
        PeerState state = recent.get(key);
        if (state == null) {
            state = store.get(key);
            if (state != null) {
                recent.put(key, state);
            }
        }
        return state;
    }

    /** Stores the peer's new state (into the store at once) and keeps it decoded. */
    void put(PeerKey key, PeerState state) {
        store.put(key, state);
        recent.put(key, state);
    }

    /** Forgets the decoded states (the task closes, or starts again from its store). */
    void clear() {
        recent.clear();
    }

    int decodedCount() {
        return recent.size();
    }
}
