package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Loss from {@code service sequence-numbers}: gaps, late arrivals, duplicates, restarts. */
class SequenceGapTrackerTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final SequenceGapTracker tracker = new SequenceGapTracker(8, Duration.ofSeconds(2), 1_000);
    private long now = 1_000 * SECOND;

    private long feed(long... sequences) {
        long lost = 0;
        for (long s : sequences) {
            lost = tracker.observe(s, now);
        }
        return lost;
    }

    @Test
    void shouldCountNothingForAnUnbrokenRun() {
        assertThat(feed(1, 2, 3, 4, 5)).isZero();
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void shouldStartFromTheFirstNumberSeenWithoutCountingTheOnesBefore() {
        assertThat(feed(500, 501)).isZero();
    }

    @Test
    void shouldHoldAGapAsPendingUntilTheSettleTimeThenCountIt() {
        assertThat(feed(1, 2, 5)).isZero();
        assertThat(tracker.pending()).isEqualTo(2);

        now += 2 * SECOND - 1;
        assertThat(tracker.lost(now)).isZero();

        now += 1;
        assertThat(tracker.lost(now)).isEqualTo(2);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void shouldCountAGapOnceAWindowOfHigherNumbersArrivedEvenWithinTheSettleTime() {
        feed(1, 3);
        assertThat(feed(4, 5, 6, 7, 8, 9)).isZero();

        assertThat(feed(10)).as("eight numbers above the gap").isEqualTo(1);
    }

    @Test
    void shouldNotCountANumberThatArrivesLateWithinTheWindow() {
        feed(1, 2, 4, 5, 3);

        now += 10 * SECOND;
        assertThat(tracker.lost(now)).isZero();
    }

    @Test
    void shouldCountOnlyTheNumbersOfAGapThatNeverArrived() {
        feed(10, 16, 12, 14);

        assertThat(tracker.pending()).isEqualTo(3);
        now += 3 * SECOND;
        assertThat(tracker.lost(now)).isEqualTo(3);
    }

    @Test
    void shouldNotCountDuplicates() {
        assertThat(feed(1, 2, 2, 3, 1, 3, 3)).isZero();
        assertThat(tracker.pending()).isZero();
        assertThat(tracker.restarts()).isZero();
    }

    @Test
    void shouldTakeAFarLowerNumberAsARestartNotAsLoss() {
        feed(1000, 1001, 1002);

        assertThat(feed(1, 2, 3)).isZero();
        assertThat(tracker.restarts()).isEqualTo(1);
        assertThat(feed(5)).isZero();
        now += 3 * SECOND;
        assertThat(tracker.lost(now)).as("the gap after the restart").isEqualTo(1);
    }

    @Test
    void shouldCountTheGapsOpenAtARestartAsLost() {
        feed(1000, 1003);

        assertThat(feed(1)).isEqualTo(2);
    }

    @Test
    void shouldTakeACounterWrapAsARestart() {
        long top = 4_294_967_295L;
        feed(top - 1, top);

        assertThat(feed(0, 1, 2)).isZero();
        assertThat(tracker.restarts()).isEqualTo(1);
    }

    @Test
    void shouldNotMistakeANumberJustBelowTheHighestForARestart() {
        feed(100, 101, 102);

        assertThat(feed(95)).isZero();
        assertThat(tracker.restarts()).isZero();
        assertThat(feed(103)).isZero();
    }

    @Test
    void shouldTakeAnImplausiblyLargeJumpAsARestart() {
        feed(1, 2);

        assertThat(feed(50_000, 50_001)).isZero();
        assertThat(tracker.restarts()).isEqualTo(1);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void shouldBoundThePendingGapsByCountingTheOldestLost() {
        long s = 0;
        SequenceGapTracker wide = new SequenceGapTracker(10_000, Duration.ofHours(1), 1_000);
        for (int i = 0; i < SequenceGapTracker.MAX_GAPS + 2; i++) {
            wide.observe(s, now);
            s += 2;
        }

        assertThat(wide.lost(now)).isEqualTo(1);
        assertThat(wide.pending()).isEqualTo(SequenceGapTracker.MAX_GAPS);
    }

    @Test
    void shouldRefuseANegativeNumber() {
        assertThatThrownBy(() -> tracker.observe(-1, now)).isInstanceOf(IllegalArgumentException.class);
    }
}
