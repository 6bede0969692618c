package io.tunnelwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.topology.PeerStateStoreSerde;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FullHistoryStatesTest {

    private final PeerStateStoreSerde serde = new PeerStateStoreSerde();

    @Test
    void everyBoundedListIsFull() {
        PeerState state = FullHistoryStates.of(4_242);
        assertThat(state.recentEvents()).hasSize(PeerState.MAX_EVENTS);
        assertThat(state.upDowns()).hasSize(PeerState.MAX_UP_DOWNS);
        assertThat(state.recentDeltas()).hasSize(PeerState.MAX_DELTAS);
        assertThat(state.milestones()).hasSize(PeerState.MAX_PHASE_CHANGES + PeerState.MAX_ALERT_STEPS);
        assertThat(state.milestones().stream().filter(m -> m.kind() != Milestone.Kind.PHASE))
                .allSatisfy(m -> assertThat(m.evidence()).hasSize(Milestone.MAX_EVIDENCE));
        assertThat(state.farEnd()).isNotNull();
        assertThat(state.openAlert()).isNotNull();
        assertThat(state.recentEvents().get(0).text()).startsWith("Crypto tunnel v2 is ")
                .contains("Peer 10.0.16.146:4500");
    }

    @Test
    void peersDifferAndReadBackAsWritten() {
        byte[] a = serde.serializer().serialize("t", FullHistoryStates.of(1));
        byte[] b = serde.serializer().serialize("t", FullHistoryStates.of(2));
        assertThat(Arrays.equals(a, b)).isFalse();
        assertThat(FullHistoryStates.key(1)).isNotEqualTo(FullHistoryStates.key(2));
        assertThat(FullHistoryStates.key(99_999).device()).isEqualTo("rtr-01999");
        assertThat(serde.deserializer().deserialize("t", a)).isEqualTo(FullHistoryStates.of(1));
        assertThat(a.length).as("a full-history state").isBetween(1_000, 3_000);
    }
}
