package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.PeerKey;
import java.util.List;

/** Several listeners told in turn (phase metrics, alert metrics). */
public final class PeerStateListeners implements PeerStateListener {

    private final List<PeerStateListener> listeners;

    public PeerStateListeners(PeerStateListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void updated(PeerKey key, PeerState state) {
        listeners.forEach(l -> l.updated(key, state));
    }

    @Override
    public void changed(PeerKey key, PeerState prior, PeerState next) {
        for (PeerStateListener l : listeners) {
            l.changed(key, prior, next);
        }
    }

    @Override
    public void released(PeerKey key) {
        listeners.forEach(l -> l.released(key));
    }
}
