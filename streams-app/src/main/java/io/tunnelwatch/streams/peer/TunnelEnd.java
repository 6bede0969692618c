package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one end of a tunnel between two monitored routers tells the other (docs/architecture.md#detectors-and-alerts,
 * both
 * ends): its last polls' deltas and when it last set up new IPsec SAs. Sent by the peer tracker on
 * {@code tunnelwatch.tunnel-ends} keyed by the device pair, and handed to the other end's tracker on
 * {@code tunnelwatch.far-ends}, where it becomes {@link PeerState#farEnd()}.
 *
 * @param device        the router of this end
 * @param peer          its peer address (the far router's address)
 * @param farDevice     the inventory device that owns {@code peer}
 * @param at            when this end reported (the receive time of what it last heard)
 * @param recentDeltas  its last polls' deltas, oldest first (at most {@link PeerState#MAX_DELTAS})
 * @param lastRekeyAt   when it last reported new IPsec SAs (a rekey or a fresh session), or null
 * @param lastRekeyKind the event kind that said so, or null
 */
public record TunnelEnd(int v, String device, String peer, String farDevice, Instant at,
                        List<CounterDelta> recentDeltas, Instant lastRekeyAt, String lastRekeyKind) {

    public static final int VERSION = 1;

    /** Events that mean this end now encrypts with new SPIs. */
    public static final Set<EventKind> NEW_SA_KINDS = Set.of(EventKind.IPSEC_SA_UP, EventKind.SESSION_UP);

    public TunnelEnd {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(farDevice, "farDevice");
        recentDeltas = recentDeltas == null ? List.of() : List.copyOf(recentDeltas);
    }

    /**
     * The report for the far end when the peer's address is another monitored router's ({@code far}: what the
     * inventory says of that address; null when no router has it); empty for a peer that is no monitored router or
     * is this router itself, which is not correlated (docs/architecture.md#detectors-and-alerts, both ends).
     */
    public static Optional<TunnelEnd> forFarEnd(PeerState s, DeviceAddress far, Instant at) {
        return far == null || far.device().equals(s.device()) ? Optional.empty() : Optional.of(of(s, far.device(), at));
    }

    /** The report of a peer's state, whose peer address belongs to {@code farDevice}. */
    public static TunnelEnd of(PeerState s, String farDevice, Instant at) {
        Evidence rekey = null;
        for (Evidence e : s.recentEvents()) {
            if (NEW_SA_KINDS.stream().anyMatch(k -> k.name().equals(e.kind()))) {
                rekey = e;
            }
        }
        return new TunnelEnd(VERSION, s.device(), s.peer(), farDevice, at, s.recentDeltas(),
                rekey == null ? null : rekey.at(), rekey == null ? null : rekey.kind());
    }

    /**
     * The key of the pair of routers {@code a} and {@code b}, the same from both ends: the two device names in
     * order, in the {@code device|peer} wire form (device names never hold a {@code |}).
     */
    public static PeerKey pairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? new PeerKey(a, b) : new PeerKey(b, a);
    }

    public PeerKey key() {
        return new PeerKey(device, peer);
    }

    /** True when {@code other} is the far side of this end: the tunnel seen from the other router. */
    public boolean isOppositeOf(TunnelEnd other) {
        return device.equals(other.farDevice) && farDevice.equals(other.device);
    }
}
