package io.tunnelwatch.collector.kafka;

import io.tunnelwatch.collector.cache.FourWayTable;
import io.tunnelwatch.events.PeerKey;

/**
 * The wire bytes of the keys of recent events, by device and peer: a busy tunnel's events then share one key array
 * instead of a new {@link PeerKey} and a new encoding each time. Sharing is safe because nothing writes into a key
 * array once made. One instance per offering thread, unsynchronized.
 *
 * <p>A {@link FourWayTable} looked up by the strings' own (cached) hash codes and compared by identity, then by
 * content, so an equal string of another instance hits too. A direct-mapped table by identity missed on a third of
 * the benchmark's lines (docs/performance.md#why-the-hot-path-looks-as-it-does). A flood of new peers only evicts
 * entries and never grows the table.
 */
final class RecentKeys {

    /** Entries, a power of two: a fleet's busy tunnels, per event loop. */
    private static final int SLOTS = 8192;

    private record Key(String device, String peer, byte[] utf8) {
    }

    private final FourWayTable<Key> table = new FourWayTable<>(SLOTS);

    /** The wire form of {@code device|peer} ({@code new PeerKey(device, peer).utf8()}), the same array as last time. */
    byte[] utf8(String device, String peer) {
        int hash = device.hashCode() * 31 + peer.hashCode();
        int set = table.set(hash);
        for (int slot = set; slot < set + FourWayTable.WAYS; slot++) {
            Key key = table.candidate(slot, hash);
            if (key != null && same(key.device, device) && same(key.peer, peer)) {
                return key.utf8;
            }
        }
        byte[] utf8 = new PeerKey(device, peer).utf8();
        table.putNewest(set, hash, new Key(device, peer, utf8));
        return utf8;
    }

    private static boolean same(String cached, String s) {
        return cached == s || cached.equals(s);
    }
}
