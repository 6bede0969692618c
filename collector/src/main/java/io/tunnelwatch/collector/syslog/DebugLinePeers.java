package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peer of a {@code debug crypto isakmp} line that names none. IOS prints most ISAKMP debug lines without the peer
 * ("atts are not acceptable. Next payload is 0", "retransmitting due to retransmit phase 1"); the exchange they
 * belong to is the one of the last {@code sending packet to <peer>} / {@code received packet from <peer>} line of the
 * same router a moment before (docs/cisco-messages.md). One entry per device, kept {@link #WINDOW}; a device's lines
 * arrive in order (one TCP connection, or one UDP source whose datagrams one reader takes). Thread-safe, bounded.
 */
final class DebugLinePeers {

    /** How long a named peer stands for the peer-less debug lines after it. */
    static final Duration WINDOW = Duration.ofSeconds(2);
    /** Devices remembered at most; beyond that the memory starts again (a fleet is far smaller). */
    static final int MAX_DEVICES = 100_000;

    /** The debug kinds whose lines name a peer: they set the peer of the lines after them. */
    private static final Set<EventKind> NAMING = EnumSet.of(EventKind.IKE_STATE, EventKind.IKE_NEW_SA);
    /** The debug kinds IOS logs without a peer. */
    private static final Set<EventKind> PEERLESS = EnumSet.of(EventKind.IKE_PROPOSAL_REJECTED,
            EventKind.IKE_PROPOSAL_ACCEPTED, EventKind.IKE_ATTRIBUTES_NOT_OFFERED, EventKind.IKE_RETRANSMIT,
            EventKind.IKE_STATE, EventKind.PROXY_IDENTITIES_REJECTED);

    private record Named(String peer, Instant at) {
    }

    private final ConcurrentHashMap<String, Named> lastNamed = new ConcurrentHashMap<>();

    /**
     * The peer for an event of {@code kind} from {@code device}: {@code peer} itself when the line named one (and
     * then remembered when it is a debug line that names its exchange's peer); for a peer-less debug line, the peer
     * named by the device's last such line within {@link #WINDOW}; else {@link PeerKey#ANY_PEER}.
     */
    String peerOf(String device, EventKind kind, String peer, Instant receivedAt) {
        if (!PeerKey.ANY_PEER.equals(peer)) {
            if (NAMING.contains(kind)) {
                if (lastNamed.size() >= MAX_DEVICES) {
                    lastNamed.clear();
                }
                lastNamed.put(device, new Named(peer, receivedAt));
            }
            return peer;
        }
        if (!PEERLESS.contains(kind)) {
            return peer;
        }
        Named named = lastNamed.get(device);
        if (named == null || receivedAt.isBefore(named.at())
                || Duration.between(named.at(), receivedAt).compareTo(WINDOW) > 0) {
            return peer;
        }
        return named.peer();
    }

    /** Whether {@code kind} is one IOS logs without a peer in debug output. */
    static boolean isPeerless(EventKind kind) {
        return PEERLESS.contains(kind);
    }
}
