package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.PeerKey;

/**
 * Told about the peers this instance owns, as their state changes and as partitions come and go, so per-peer metrics
 * follow the partitions of this instance.
 */
public interface PeerStateListener {

    /** A peer's state, after a change or when its partition was assigned (restored from the changelog). */
    void updated(PeerKey key, PeerState state);

    /** This instance no longer owns the peer (partition revoked or closed). */
    void released(PeerKey key);

    PeerStateListener NONE = new PeerStateListener() {
        @Override
        public void updated(PeerKey key, PeerState state) {
        }

        @Override
        public void released(PeerKey key) {
        }
    };
}
