package io.tunnelwatch.collector.kafka;

import io.tunnelwatch.events.PeerKey;

/**
 * The wire bytes of the keys of recent events, by the identity of their device and peer strings: the device name is
 * one string per sender and the peer comes from the catalog's remembered reads, so a busy tunnel's events repeat the
 * same two instances, and its key is then one array shared by all its records instead of a new {@link PeerKey} and
 * a new encoding each time. Sharing is safe because nothing writes into a key array once made, and it lets
 * {@link KeyPartitions} remember the key's partition by the same identity. A miss (an equal string that is another
 * instance, or a slot taken over) only encodes afresh. One instance per offering thread, unsynchronized.
 */
final class RecentKeys {

    private static final int SLOTS = 4096;

    private final String[] devices = new String[SLOTS];
    private final String[] peers = new String[SLOTS];
    private final byte[][] keys = new byte[SLOTS][];

    /** {@code new PeerKey(device, peer).utf8()}, the same array as last time for the same two instances. */
    byte[] utf8(String device, String peer) {
        int slot = (System.identityHashCode(device) * 31 + System.identityHashCode(peer)) & (SLOTS - 1);
        if (devices[slot] == device && peers[slot] == peer) {
            return keys[slot];
        }
        byte[] key = new PeerKey(device, peer).utf8();
        devices[slot] = device;
        peers[slot] = peer;
        keys[slot] = key;
        return key;
    }
}
