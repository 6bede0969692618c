package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.PeerKey;

/**
 * Told about the peers this instance owns, as their state changes and as partitions come and go, so per-peer metrics
 * follow the partitions of this instance.
 */
public interface PeerStateListener {

    /**
     * A peer's state, when this listener was told of none for it before: its partition was assigned (restored from the
     * changelog) or the peer is new. The listener sets everything it shows of the peer.
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
