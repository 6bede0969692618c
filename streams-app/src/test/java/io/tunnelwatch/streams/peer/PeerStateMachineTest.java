package io.tunnelwatch.streams.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final PeerStateMachine machine = new PeerStateMachine();

    @Test
    void shouldStartAnUnseenPeerFromItsFirstEvent() {
        PeerState s = machine.apply(null, event(EventKind.SESSION_UP, IkeVersion.IKEV2, T0));

        assertThat(s.device()).isEqualTo("rtr");
        assertThat(s.peer()).isEqualTo("198.51.100.7");
        assertThat(s.phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(s.ikeVersion()).isEqualTo(IkeVersion.IKEV2);
        assertThat(s.lastMnemonic()).isEqualTo("CRYPTO-5-IKEV2_SESSION_STATUS");
    }

    @Test
    void shouldKeepThePhaseAndKnownIkeVersionOnAnUnknownCryptoMessage() {
        PeerState up = machine.apply(null, event(EventKind.SESSION_UP, IkeVersion.IKEV2, T0));

        PeerState after = machine.apply(up, event(EventKind.CRYPTO_OTHER, IkeVersion.UNKNOWN, T0.plusSeconds(5)));

        assertThat(after.phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(after.phaseSince()).isEqualTo(T0);
        assertThat(after.ikeVersion()).isEqualTo(IkeVersion.IKEV2);
        assertThat(after.lastEventAt()).isEqualTo(T0.plusSeconds(5));
    }

    private static TunnelEvent event(EventKind kind, IkeVersion version, Instant at) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, "rtr", "198.51.100.7", version,
                "CRYPTO-5-IKEV2_SESSION_STATUS", 5, Map.of(), null, at, "192.0.2.1", "tcp", "text");
    }
}
