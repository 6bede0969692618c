package io.tunnelwatch.collector.snmp.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.CounterSample.Counters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SaRowDeltaTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final CounterLimits LIMITS = CounterLimits.DEFAULT;
    private static final long MOD = 1L << 32;

    static Counters packetsAndOctets(long inPkts, long outPkts, long inOctets, long outOctets) {
        return new Counters(inPkts, outPkts, inOctets, outOctets, 0, 0, 0, 0, 0, 0);
    }

    static SaRow row(int index, int ike, long activeTime, boolean hc, Counters counters) {
        return new SaRow(index, ike, "198.51.100.7", activeTime, true, hc, counters);
    }

    @Test
    void shouldSubtractCountersOfAContinuingRow() {
        var before = row(5, 2, 6_000, false, packetsAndOctets(100, 200, 10_000, 20_000));
        var after = row(5, 2, 12_000, false, packetsAndOctets(150, 260, 15_000, 29_000));

        var result = SaRowDelta.between(before, after, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.CONTINUED);
        assertThat(result.delta()).isEqualTo(packetsAndOctets(50, 60, 5_000, 9_000));
    }

    @Test
    void shouldTreatADroppedCounter32OctetCounterAsAWrap() {
        var before = row(5, 2, 6_000, false, packetsAndOctets(100, 200, MOD - 1_000, 20_000));
        var after = row(5, 2, 12_000, false, packetsAndOctets(150, 260, 4_000, 29_000));

        var result = SaRowDelta.between(before, after, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.WRAPPED);
        assertThat(result.delta()).isEqualTo(packetsAndOctets(50, 60, 5_000, 9_000));
    }

    @Test
    void shouldTreatAPacketCounterWrapAsAWrapWhenTheRateAllowsIt() {
        var before = row(5, 2, 6_000, false, packetsAndOctets(MOD - 10, 200, 10_000, 20_000));
        var after = row(5, 2, 12_000, false, packetsAndOctets(30, 260, 15_000, 29_000));

        var result = SaRowDelta.between(before, after, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.WRAPPED);
        assertThat(result.delta().inPkts()).isEqualTo(40);
    }

    @Test
    void shouldTakeAnImplausiblePacketDropAsAReplacedSaAndCountItsFullValue() {
        // same index and IKE index, no active time: only the packet counter going far down tells a new SA
        var before = row(5, 2, -1, false, packetsAndOctets(1_000_000, 900_000, 80_000_000, 70_000_000));
        var after = row(5, 2, -1, false, packetsAndOctets(40, 30, 4_000, 3_000));

        var result = SaRowDelta.between(before, after, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.NEW);
        assertThat(result.delta()).isEqualTo(packetsAndOctets(40, 30, 4_000, 3_000));
    }

    @Test
    void shouldTreatAChangedIkeTunnelIndexAsANewSaEvenWhenCountersRose() {
        var before = row(5, 2, 6_000, false, packetsAndOctets(10, 10, 1_000, 1_000));
        var after = row(5, 3, 2_000, false, packetsAndOctets(50, 60, 5_000, 6_000));

        var result = SaRowDelta.between(before, after, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.NEW);
        assertThat(result.delta()).isEqualTo(packetsAndOctets(50, 60, 5_000, 6_000));
    }

    @Test
    void shouldTreatAnActiveTimeThatWentBackAsANewSa() {
        var before = row(5, 2, 600_000, false, packetsAndOctets(10, 10, 1_000, 1_000));
        var after = row(5, 2, 1_500, false, packetsAndOctets(70, 80, 7_000, 8_000));

        assertThat(SaRowDelta.between(before, after, MINUTE, LIMITS).delta())
                .isEqualTo(packetsAndOctets(70, 80, 7_000, 8_000));
    }

    @Test
    void shouldNeverWrapACounter64() {
        var before = row(5, 2, -1, true, packetsAndOctets(100, 200, 5_000_000_000L, 20_000));
        var after = row(5, 2, -1, true, packetsAndOctets(150, 260, 4_000, 29_000));

        var result = SaRowDelta.between(before, after, MINUTE, LIMITS);

        // a Counter64 going down can only be another SA; its full value fits the rate, so it counts as new
        assertThat(result.outcome()).isEqualTo(RowOutcome.NEW);
        assertThat(result.delta()).isEqualTo(packetsAndOctets(150, 260, 4_000, 29_000));
    }

    @Test
    void shouldCountHighCapacityOctetsBeyond32BitsAsTheyAre() {
        var before = row(5, 2, 6_000, true, packetsAndOctets(100, 200, 5_000_000_000L, 20_000));
        var after = row(5, 2, 12_000, true, packetsAndOctets(150, 260, 9_000_000_000L, 29_000));

        assertThat(SaRowDelta.between(before, after, MINUTE, LIMITS).delta().inOctets()).isEqualTo(4_000_000_000L);
    }

    @Test
    void shouldNotCountANewRowThatIsOlderThanThePreviousWalk() {
        // 10 minutes old, but the previous walk was a minute ago and did not see it: counting it would be a burst
        var missed = row(9, 4, 60_000, false, packetsAndOctets(5_000, 5_000, 500_000, 500_000));

        var result = SaRowDelta.fresh(missed, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.UNTRUSTED);
        assertThat(result.delta()).isEqualTo(Counters.ZERO);
    }

    @Test
    void shouldNotCountANewRowWhoseValueExceedsAnyPlausibleRate() {
        var tooBig = row(9, 4, -1, false, packetsAndOctets(500_000_000, 1, 1, 1));

        assertThat(SaRowDelta.fresh(tooBig, MINUTE, LIMITS).outcome()).isEqualTo(RowOutcome.UNTRUSTED);
    }

    @Test
    void shouldCountTheFullValueOfARowCreatedSinceThePreviousWalk() {
        var created = row(9, 4, 3_000, false, packetsAndOctets(70, 80, 7_000, 8_000));

        var result = SaRowDelta.fresh(created, MINUTE, LIMITS);

        assertThat(result.outcome()).isEqualTo(RowOutcome.NEW);
        assertThat(result.delta()).isEqualTo(packetsAndOctets(70, 80, 7_000, 8_000));
    }

    @Test
    void shouldGiveNoDeltaWhenTheAgentSwitchesBetweenCounter32AndCounter64() {
        var before = row(5, 2, 6_000, false, packetsAndOctets(100, 200, 10_000, 20_000));
        var after = row(5, 2, 12_000, true, packetsAndOctets(150, 260, 5_000_000_000L, 29_000));

        assertThat(SaRowDelta.between(before, after, MINUTE, LIMITS))
                .isEqualTo(new SaRowDelta.Result(Counters.ZERO, RowOutcome.UNTRUSTED));
    }
}
