package io.tunnelwatch.streams.peer;

import java.io.IOException;

/**
 * Reads the JSON form of a {@link PeerState} ({@code tunnelwatch.peer-state}, and the {@code peer-state} store before
 * release 0.2) for the Kafka adapters outside this package; no Kafka types here.
 */
public final class PeerStateJson {

    private PeerStateJson() {
    }

    /** A state from its JSON; fails on what is not one (IOException, or an unchecked exception of a bad field). */
    public static PeerState read(byte[] bytes) throws IOException {
        return PeerStateReader.read(bytes);
    }
}
