package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-device memory that ties a peer-less {@code debug crypto isakmp} line to its exchange's peer. */
class DebugLinePeersTest {

    private static final Instant NOW = Instant.parse("2026-01-06T10:00:00Z");
    private static final String ANY = PeerKey.ANY_PEER;

    private final DebugLinePeers peers = new DebugLinePeers();

    /** A {@code sending packet to} / {@code received packet from} line of {@code device} naming {@code peer}. */
    private void packet(String device, String peer, Instant at) {
        peers.peerOf(device, EventKind.IKE_STATE, peer, at);
    }

    /** The peer a line of {@code kind} that names none gets. */
    private String tie(String device, EventKind kind, Instant at) {
        return peers.peerOf(device, kind, ANY, at);
    }

    @Test
    void shouldTieEachRoutersPeerlessLineToItsOwnLastPacketLinesPeer() {
        packet("rtr-a", "198.51.100.7", NOW);
        peers.peerOf("rtr-b", EventKind.IKE_NEW_SA, "203.0.113.9", NOW);
        packet("rtr-a", "198.51.100.8", NOW.plusMillis(10));

        Instant later = NOW.plusMillis(20);
        assertThat(tie("rtr-a", EventKind.IKE_PROPOSAL_REJECTED, later)).isEqualTo("198.51.100.8");
        assertThat(tie("rtr-b", EventKind.PROXY_IDENTITIES_REJECTED, later)).isEqualTo("203.0.113.9");
        assertThat(tie("rtr-c", EventKind.IKE_RETRANSMIT, later)).isEqualTo(ANY);
    }

    @Test
    void shouldNeitherTieNorRememberAMessageOutsideTheDebugOutput() {
        packet("rtr-a", "198.51.100.7", NOW);

        // a %CRYPTO line that names another peer keeps its own and leaves the memory as it was
        assertThat(peers.peerOf("rtr-a", EventKind.IKE_BAD_MESSAGE, "198.51.100.9", NOW)).isEqualTo("198.51.100.9");
        assertThat(tie("rtr-a", EventKind.IKE_PROPOSAL_REJECTED, NOW)).isEqualTo("198.51.100.7");
        assertThat(tie("rtr-a", EventKind.TUNNEL_INTERFACE_DOWN, NOW)).as("a device-wide message").isEqualTo(ANY);
    }

    @Test
    void shouldLeaveALineUntiedOutsideTheWindowOrBeforeThePacketLine() {
        packet("rtr-a", "198.51.100.7", NOW);

        assertThat(tie("rtr-a", EventKind.IKE_RETRANSMIT, NOW.plus(DebugLinePeers.WINDOW)))
                .isEqualTo("198.51.100.7");
        assertThat(tie("rtr-a", EventKind.IKE_RETRANSMIT, NOW.plus(DebugLinePeers.WINDOW).plusMillis(1)))
                .isEqualTo(ANY);
        assertThat(tie("rtr-a", EventKind.IKE_RETRANSMIT, NOW.minusMillis(1))).isEqualTo(ANY);
    }

    @Test
    void shouldForgetEveryDeviceRatherThanGrowBeyondItsBound() {
        for (int i = 0; i < DebugLinePeers.MAX_DEVICES; i++) {
            packet("rtr-" + i, "198.51.100.7", NOW);
        }
        assertThat(tie("rtr-0", EventKind.IKE_RETRANSMIT, NOW)).isEqualTo("198.51.100.7");

        packet("rtr-new", "203.0.113.9", NOW);

        assertThat(tie("rtr-0", EventKind.IKE_RETRANSMIT, NOW)).isEqualTo(ANY);
        assertThat(tie("rtr-new", EventKind.IKE_RETRANSMIT, NOW)).isEqualTo("203.0.113.9");
    }
}
