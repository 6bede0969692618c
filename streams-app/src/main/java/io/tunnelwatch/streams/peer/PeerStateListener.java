package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.PeerKey;

/**
 * Told about the peers this instance owns, as their state changes and as partitions come and go, so per-peer metrics
 * follow the partitions of this instance.
 */
public interface PeerStateListener {

    /**
     * A peer's state, told afresh: the listener sets everything it shows of the peer. The tracker tells a peer so when
     * its partition is assigned here (restored from the changelog) and when its first state is stored; the device
     * tracker tells every change of a device's alert so.
     */
    void updated(PeerKey key, PeerState state);

    /**
     * A peer's state changed from {@code prior}, the state this listener was last told of for the peer, to
     * {@code next}. Called on nearly every input, so a listener may return at once when the parts it shows are the
     * same in both, without looking its row up (docs/performance.md#listeners-told-what-changed); by default it is
     * told as {@link #updated}.
     */
    default void changed(PeerKey key, PeerState prior, PeerState next) {
        updated(key, next);
    }

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
