package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import java.time.Instant;
import java.util.Objects;

/**
 * What tunnelwatch knows about one tunnel peer of one router; the value of the {@code peer-state} store and of the
 * compacted {@code tunnelwatch.peer-state} topic. Grows with the correlation engine; readers ignore unknown fields.
 *
 * @param phase        how far the tunnel is up
 * @param phaseSince   when it entered that phase (collector receive time)
 * @param ikeVersion   the IKE version last seen
 * @param natT         whether the peer was last seen on UDP 4500 (NAT traversal)
 * @param lastEventAt  receive time of the last event
 * @param lastMnemonic mnemonic of the last event, for evidence
 */
public record PeerState(
        int v,
        String device,
        String peer,
        PeerPhase phase,
        Instant phaseSince,
        IkeVersion ikeVersion,
        boolean natT,
        Instant lastEventAt,
        String lastMnemonic) {

    public static final int VERSION = 1;

    public PeerState {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        phase = phase == null ? PeerPhase.UNKNOWN : phase;
        ikeVersion = ikeVersion == null ? IkeVersion.UNKNOWN : ikeVersion;
    }

    /** A peer seen for the first time. */
    public static PeerState unknown(String device, String peer) {
        return new PeerState(VERSION, device, peer, PeerPhase.UNKNOWN, null, IkeVersion.UNKNOWN, false, null, null);
    }
}
