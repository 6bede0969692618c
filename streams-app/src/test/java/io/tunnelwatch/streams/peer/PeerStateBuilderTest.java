package io.tunnelwatch.streams.peer;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.PeerFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder shares a state's lists until it changes one (PeerState.Builder): a step that leaves a list alone must
 * pass it on, and no change after a build may reach a state already built, the one it was built from, or a second
 * builder of that state.
 */
class PeerStateBuilderTest {

    private final PeerState full = PeerFixtures.fullHistory("rtr-hq-1", "198.51.100.7", 3);

    @Test
    void shouldPassTheListsAStepLeavesAloneToTheNextState() {
        PeerState next = full.toBuilder().nextCheckAt(T0.plusSeconds(60)).build();

        assertThat(next.recentEvents()).isSameAs(full.recentEvents());
        assertThat(next.milestones()).isSameAs(full.milestones());
        assertThat(next.recentDeltas()).isSameAs(full.recentDeltas());
        assertThat(next.upDowns()).isSameAs(full.upDowns());
        assertThat(next.adjacencies()).isSameAs(full.adjacencies());
    }

    @Test
    void shouldLeaveTheStateItCameFromAndEveryStateItBuiltAsTheyWere() {
        PeerState before = PeerFixtures.fullHistory("rtr-hq-1", "198.51.100.7", 3);
        PeerState.Builder builder = full.toBuilder();
        PeerState.Builder other = full.toBuilder();
        Evidence first = new Evidence(T0.plusSeconds(10_000_000), "SA_UP", "CRYPTO-5-SESSION_STATUS", "first");
        Evidence second = new Evidence(T0.plusSeconds(10_000_001), "SA_UP", "CRYPTO-5-SESSION_STATUS", "second");

        PeerState draft = builder.event(first).sample(sample(T0.plusSeconds(10_000_000), 1, 5, 5))
                .phase(PeerPhase.PASSING_TRAFFIC, T0.plusSeconds(10_000_000)).build();
        List<Evidence> draftEvents = new ArrayList<>(draft.recentEvents());
        List<UpDown> draftUpDowns = new ArrayList<>(draft.upDowns());
        PeerState last = builder.event(second).upDown(new UpDown(T0.plusSeconds(10_000_001), false)).build();
        PeerState fromOther = other.event(second).build();

        assertThat(full).isEqualTo(before);
        assertThat(draft.recentEvents()).isEqualTo(draftEvents);
        assertThat(draft.upDowns()).isEqualTo(draftUpDowns);
        assertThat(draft.recentEvents()).contains(first).doesNotContain(second);
        assertThat(draft.upDowns()).isEqualTo(full.upDowns());
        assertThat(last.recentEvents()).endsWith(first, second).hasSize(PeerState.MAX_EVENTS);
        assertThat(last.recentDeltas()).isEqualTo(draft.recentDeltas());
        assertThat(fromOther.recentEvents()).endsWith(second).doesNotContain(first);
        assertThat(fromOther.recentDeltas()).isSameAs(full.recentDeltas());
    }
}
