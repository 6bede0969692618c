package io.tunnelwatch.collector.kafka;

import io.tunnelwatch.events.PeerKey;

/**
 * The wire bytes and partition of the keys of recent events, by device and peer: a busy tunnel's events then share
 * one key array and one partition instead of a new {@link PeerKey}, a new encoding and a murmur2 hash each time.
 * Sharing is safe because nothing writes into a key array once made. One instance per offering thread,
 * unsynchronized.
 *
 * <p>A fixed table of 4-way sets, looked up by the strings' own (cached) hash codes and compared by identity, then
 * by content, so an equal string of another instance hits too. A direct-mapped table by identity missed on a
 * third of the benchmark's lines (1,700 tunnels in 4,096 slots collide that often) and each miss also missed the
 * partition memory behind it: a sixth of the event loop's time (async-profiler, docs/performance.md). A flood of new
 * peers only evicts entries and never grows the table.
 */
final class RecentKeys {

    private static final int WAYS = 4;
    /** Entries, a power of two: a fleet's busy tunnels, per event loop. */
    private static final int SLOTS = 8192;

    private final int[] hashes = new int[SLOTS];
    private final String[] devices = new String[SLOTS];
    private final String[] peers = new String[SLOTS];
    private final PlacedKey[] placed = new PlacedKey[SLOTS];

    /**
     * A key's wire form ({@code new PeerKey(device, peer).utf8()}) and its partition among {@code partitionCount}
     * partitions (null when the count is unknown, 0).
     */
    record PlacedKey(byte[] utf8, int partitionCount, Integer partition) {

        static PlacedKey of(byte[] utf8, int partitionCount) {
            return new PlacedKey(utf8, partitionCount, KeyPartitions.partitionOf(utf8, partitionCount));
        }
    }

    /** The key of {@code device|peer} placed among {@code partitionCount} partitions, the same object as last time. */
    PlacedKey place(String device, String peer, int partitionCount) {
        int hash = device.hashCode() * 31 + peer.hashCode();
        int set = ((hash ^ (hash >>> 16)) & (SLOTS - 1)) & -WAYS;
        for (int i = set; i < set + WAYS; i++) {
            if (hashes[i] == hash && placed[i] != null && same(devices[i], device) && same(peers[i], peer)) {
                PlacedKey key = placed[i];
                if (key.partitionCount() != partitionCount) {
                    key = PlacedKey.of(key.utf8(), partitionCount);
                    placed[i] = key;
                }
                return key;
            }
        }
        // a miss: the newest key goes first and the set's oldest falls out
        PlacedKey key = PlacedKey.of(new PeerKey(device, peer).utf8(), partitionCount);
        System.arraycopy(hashes, set, hashes, set + 1, WAYS - 1);
        System.arraycopy(devices, set, devices, set + 1, WAYS - 1);
        System.arraycopy(peers, set, peers, set + 1, WAYS - 1);
        System.arraycopy(placed, set, placed, set + 1, WAYS - 1);
        hashes[set] = hash;
        devices[set] = device;
        peers[set] = peer;
        placed[set] = key;
        return key;
    }

    private static boolean same(String cached, String s) {
        return cached == s || cached.equals(s);
    }
}
