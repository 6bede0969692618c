package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.collector.snmp.poll.SaRowDeltaTest.packetsAndOctets;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.CounterSample.Counters;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceCounterTrackerTest {

    private static final String PEER_A = "198.51.100.7";
    private static final String PEER_B = "203.0.113.9";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final DeviceCounterTracker tracker =
            new DeviceCounterTracker("rtr-hq-1", Set.of(PEER_A, PEER_B), CounterLimits.DEFAULT);

    private static SaRow sa(int index, int ike, String peer, long activeTime, Counters counters) {
        return new SaRow(index, ike, peer, activeTime, true, false, counters);
    }

    private static DeviceWalk walk(int secondsAfterT0, List<IkeRow> ike, SaRow... rows) {
        return new DeviceWalk(T0.plusSeconds(secondsAfterT0), ike, List.of(rows));
    }

    private static CounterSample samplesOf(List<CounterSample> samples, String peer) {
        return samples.stream().filter(s -> s.peer().equals(peer)).findFirst().orElseThrow();
    }

    @Test
    void shouldReportTotalsButNoDeltasOnTheFirstWalk() {
        var samples = tracker.onWalk(walk(0, List.of(new IkeRow(2, PEER_A, true)),
                sa(5, 2, PEER_A, 6_000, packetsAndOctets(100, 200, 10_000, 20_000))));

        CounterSample a = samplesOf(samples, PEER_A);
        assertThat(a.totals()).isEqualTo(packetsAndOctets(100, 200, 10_000, 20_000));
        assertThat(a.deltas()).isEqualTo(Counters.ZERO);
        assertThat(a.saCount()).isEqualTo(1);
        assertThat(a.ikeStatus()).isEqualTo("active");
        assertThat(a.ipsecStatus()).isEqualTo("active");
        assertThat(a.deviceAnswered()).isTrue();
    }

    @Test
    void shouldReportAnExpectedPeerWithoutRowsAsNoSa() {
        var samples = tracker.onWalk(walk(0, List.of(), sa(5, 2, PEER_A, 6_000, Counters.ZERO)));

        CounterSample b = samplesOf(samples, PEER_B);
        assertThat(b.saCount()).isZero();
        assertThat(b.ikeStatus()).isEqualTo("none");
        assertThat(b.ipsecStatus()).isEqualTo("none");
        assertThat(b.deviceAnswered()).isTrue();
        assertThat(samples).extracting(CounterSample::peer).containsExactly(PEER_A, PEER_B);
    }

    @Test
    void shouldSumDeltasOverAPeersRowsAcrossARekeyThatRenumbersTheRow() {
        tracker.onWalk(walk(0, List.of(),
                sa(5, 2, PEER_A, 6_000, packetsAndOctets(100, 200, 10_000, 20_000)),
                sa(6, 3, PEER_B, 6_000, packetsAndOctets(1, 1, 100, 100))));

        // row 5 was replaced by row 8 (new IKE SA too) 20 s ago; row 6 carried on
        var samples = tracker.onWalk(walk(60, List.of(),
                sa(8, 4, PEER_A, 2_000, packetsAndOctets(30, 40, 3_000, 4_000)),
                sa(6, 3, PEER_B, 12_000, packetsAndOctets(11, 21, 1_100, 2_100))));

        assertThat(samplesOf(samples, PEER_A).deltas()).isEqualTo(packetsAndOctets(30, 40, 3_000, 4_000));
        assertThat(samplesOf(samples, PEER_B).deltas()).isEqualTo(packetsAndOctets(10, 20, 1_000, 2_000));
        assertThat(tracker.lastOutcomes()).containsEntry(8, RowOutcome.NEW).containsEntry(6, RowOutcome.CONTINUED);
    }

    @Test
    void shouldCountBothRowsWhileOldAndNewSaOverlap() {
        tracker.onWalk(walk(0, List.of(), sa(5, 2, PEER_A, 6_000, packetsAndOctets(100, 100, 1_000, 1_000))));

        var samples = tracker.onWalk(walk(60, List.of(),
                sa(5, 2, PEER_A, 12_000, packetsAndOctets(110, 105, 1_100, 1_050)),
                sa(7, 2, PEER_A, 500, packetsAndOctets(3, 4, 30, 40))));

        CounterSample a = samplesOf(samples, PEER_A);
        assertThat(a.saCount()).isEqualTo(2);
        assertThat(a.deltas()).isEqualTo(packetsAndOctets(13, 9, 130, 90));
        assertThat(a.totals()).isEqualTo(packetsAndOctets(113, 109, 1_130, 1_090));
    }

    @Test
    void shouldGiveAVanishedRowNoNegativeDelta() {
        tracker.onWalk(walk(0, List.of(), sa(5, 2, PEER_A, 6_000, packetsAndOctets(100, 100, 1_000, 1_000))));

        var samples = tracker.onWalk(walk(60, List.of()));

        CounterSample a = samplesOf(samples, PEER_A);
        assertThat(a.saCount()).isZero();
        assertThat(a.deltas()).isEqualTo(Counters.ZERO);
    }

    @Test
    void shouldMarkEveryKnownPeerUnansweredAndKeepTheBaselineForTheNextWalk() {
        var unexpected = "192.0.2.77";
        tracker.onWalk(walk(0, List.of(), sa(5, 2, unexpected, 6_000, packetsAndOctets(100, 100, 1_000, 1_000))));

        var silent = tracker.onNoAnswer(T0.plusSeconds(60));
        var samples = tracker.onWalk(walk(120, List.of(),
                sa(5, 2, unexpected, 18_000, packetsAndOctets(300, 100, 3_000, 1_000))));

        assertThat(silent).extracting(CounterSample::peer).containsExactlyInAnyOrder(PEER_A, PEER_B, unexpected);
        assertThat(silent).allSatisfy(s -> assertThat(s.deviceAnswered()).isFalse());
        assertThat(samplesOf(samples, unexpected).deltas()).isEqualTo(packetsAndOctets(200, 0, 2_000, 0));
    }

    @Test
    void shouldSendOneDeviceWideSampleWhenNoPeerIsKnown() {
        var bare = new DeviceCounterTracker("rtr-x", Set.of(), CounterLimits.DEFAULT);

        var silent = bare.onNoAnswer(T0);

        assertThat(silent).singleElement().satisfies(s -> {
            assertThat(s.key().isDeviceWide()).isTrue();
            assertThat(s.deviceAnswered()).isFalse();
        });
    }

    @Test
    void shouldCountARowReusingAnotherPeersIndexAsNew() {
        tracker.onWalk(walk(0, List.of(), sa(5, 2, PEER_A, 6_000, packetsAndOctets(900, 900, 9_000, 9_000))));

        var samples = tracker.onWalk(walk(60, List.of(), sa(5, 2, PEER_B, 1_000, packetsAndOctets(7, 8, 70, 80))));

        assertThat(samplesOf(samples, PEER_B).deltas()).isEqualTo(packetsAndOctets(7, 8, 70, 80));
        assertThat(samplesOf(samples, PEER_A).deltas()).isEqualTo(Counters.ZERO);
    }
}
