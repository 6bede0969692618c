package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers of all peers of a task, ordered by due time, so a wall-clock punctuation touches only the due peers
 * instead of scanning every peer (docs/architecture.md#topics). The key is the due time in big-endian epoch
 * millis followed by the {@code device|peer} bytes: byte order is time order, and a range scan up to "now" returns
 * exactly the due entries. Each peer has at most one entry; its due time is kept in the peer's state so the old
 * entry can be removed when it moves.
 */
public final class DeadlineIndex {

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    public DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Moves the peer's timer from {@code previous} to {@code next}; either may be null (no timer). */
    public void reschedule(PeerKey peer, Instant previous, Instant next) {
        if (Objects.equals(previous, next)) {
            return;
        }
        if (previous != null) {
            store.delete(keyOf(previous, peer));
        }
        if (next != null) {
            store.put(keyOf(next, peer), NOTHING);
        }
    }

    /** Removes and returns the peers whose timer is due at or before {@code now}, earliest first. */
    public List<PeerKey> takeDue(Instant now) {
        List<Bytes> due = new ArrayList<>();
        // The bare 8-byte prefix of now+1 ms sorts after every key due at now and before any key due later.
        Bytes upTo = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now.toEpochMilli() + 1).array());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(new byte[Long.BYTES]), upTo)) {
            it.forEachRemaining(kv -> due.add(kv.key));
        }
        List<PeerKey> peers = new ArrayList<>(due.size());
        for (Bytes key : due) {
            store.delete(key);
            peers.add(peerOf(key));
        }
        return peers;
    }

    /** Every scheduled entry, earliest first: what a task finds in the index after a restart or a rebalance. */
    public void forEachScheduled(BiConsumer<PeerKey, Instant> action) {
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> action.accept(peerOf(kv.key), dueOf(kv.key)));
        }
    }

    static Bytes keyOf(Instant due, PeerKey peer) {
        byte[] name = peer.encoded().getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + name.length).putLong(due.toEpochMilli()).put(name)
                .array());
    }

    static Instant dueOf(Bytes key) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(key.get()).getLong());
    }

    static PeerKey peerOf(Bytes key) {
        byte[] b = key.get();
        return PeerKey.parse(new String(b, Long.BYTES, b.length - Long.BYTES, StandardCharsets.UTF_8));
    }
}
