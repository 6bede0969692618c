package io.tunnelwatch.streams.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.streams.PeerFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Poll deltas written against the poll before (layout 4): any values read back exactly, extremes and negatives
 * included, for the peer and its far end; the last poll reads back whether or not its deltas are the last delta's;
 * steady traffic takes a few bytes a poll; a mask naming a field a delta does not have fails as the record is read.
 */
class DeltaListCodecTest {

    private static final Instant T0 = Instant.parse("2026-12-08T02:00:00.123456Z");
    private static final long[] EXTREMES = {0, 1, -1, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 1L << 40};

    private final PeerStateCodec codec = new PeerStateCodec();

    @Test
    void shouldReadBackAnyDeltasExactly() {
        SplittableRandom random = new SplittableRandom(4);
        for (int n = 0; n < 2_000; n++) {
            List<CounterDelta> deltas = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(PeerState.MAX_DELTAS); i++) {
                deltas.add(new CounterDelta(i == 2 && n % 3 == 0 ? null : T0.plusSeconds(60L * i),
                        (int) pick(random), pick(random), pick(random), pick(random), pick(random), pick(random),
                        pick(random), pick(random), pick(random), pick(random)));
            }
            PeerState state = withDeltas(deltas, null);
            TunnelEnd far = new TunnelEnd(TunnelEnd.VERSION, "rtr-far", "192.0.2.1", "rtr-a", T0, deltas, null, null);
            state = state.toBuilder().farEnd(far).build();

            assertThat(PeerStateCodec.decode(codec.encode(state))).as("state %d", n).isEqualTo(state);
        }
    }

    @Test
    void shouldReadBackTheLastPollWhetherOrNotItsDeltasAreTheLastDeltas() {
        CounterSample first = PeerFixtures.sample(T0, 1, 500, 400, 3, 2);
        CounterSample second = PeerFixtures.sample(T0.plusSeconds(60), 2, 510, 0, 0, 7);
        // As the machine keeps them: the last delta is the last poll's.
        PeerState appended = PeerState.unknown("rtr-a", "10.0.0.1").toBuilder().sample(first).sample(second).build();
        // Not so: a poll whose deltas the list does not end with, and a poll with no deltas kept at all.
        PeerState other = withDeltas(List.of(CounterDelta.of(second)), first);
        PeerState none = withDeltas(List.of(), second);

        // The same poll a microsecond later: no longer the last delta's, so its deltas are written in full.
        CounterSample later = new CounterSample(second.v(), second.device(), second.peer(),
                second.polledAt().plusNanos(1_000), second.deviceAnswered(), second.saCount(), second.ikeStatus(),
                second.ipsecStatus(), second.totals(), second.deltas(), second.tunnelMtu(), second.tunnelInterface(),
                second.sourceInterface());
        PeerState notLast = withDeltas(appended.recentDeltas(), later);

        for (PeerState state : List.of(appended, other, none, notLast)) {
            assertThat(PeerStateCodec.decode(codec.encode(state))).isEqualTo(state);
        }
        assertThat(codec.encode(withDeltas(appended.recentDeltas(), second)).length)
                .as("the last delta's counters written as a flag").isLessThan(codec.encode(notLast).length - 8);
    }

    @Test
    void shouldWriteSteadyPollsInAFewBytesEach() {
        PeerState.Builder b = PeerState.unknown("rtr-a", "10.0.0.1").toBuilder().lastEventAt(T0);
        for (int i = 0; i < PeerState.MAX_DELTAS; i++) {
            // a minute apart, give or take the collector's receive time; traffic a little different each poll
            b.sample(PeerFixtures.sample(T0.plusSeconds(60L * i).plusNanos(1_000L * (i * 3_517 % 9_000)), 1,
                    531 + i * 7, 405 - i * 3));
        }
        PeerState six = b.build();
        PeerState one = withDeltas(six.recentDeltas().subList(PeerState.MAX_DELTAS - 1, PeerState.MAX_DELTAS),
                six.lastSample());

        int fiveMore = codec.encode(six).length - codec.encode(one).length;

        assertThat(fiveMore).as("five more polls of steady traffic").isLessThanOrEqualTo(5 * 12);
    }

    @Test
    void shouldFailOnAMaskNamingAFieldADeltaDoesNotHave() {
        BinaryOutput out = new BinaryOutput();
        out.reset(0);
        out.writeUnsigned(1);
        out.writeInstant(T0);
        out.writeUnsigned(1 << 10);
        BinaryInput in = new BinaryInput(out.toByteArray(), 0);
        in.layoutTwo(0);

        assertThatThrownBy(() -> DeltaListCodec.read(in)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mask 0x400");
    }

    private static long pick(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> EXTREMES[random.nextInt(EXTREMES.length)];
            case 1 -> random.nextLong();
            default -> random.nextLong(-1_000, 1_000_000);
        };
    }

    private static PeerState withDeltas(List<CounterDelta> deltas, CounterSample last) {
        PeerState s = PeerState.unknown("rtr-a", "10.0.0.1").toBuilder().lastEventAt(T0).build();
        return new PeerState(s.v(), s.device(), s.peer(), s.phase(), s.phaseSince(), s.ikeVersion(), s.natT(),
                s.lastEventAt(), s.lastMnemonic(), s.ike(), s.ipsec(), last, deltas, s.tunnel(), s.sourceInterface(),
                s.cryptoAcl(), s.tunnelName(), s.probeFailing(), s.upDowns(), s.recentEvents(), s.farEnd(),
                s.openAlert(), s.nextCheckAt(), s.milestones(), s.adjacencies());
    }
}
