package io.tunnelwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** History or present, for the inputs and the timers of one stream task, with explicit times. */
class CatchUpTest {

    private static final Duration HORIZON = Duration.ofMinutes(5);
    /** The wall clock when the task starts. */
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant DAYS_AGO = NOW.minus(Duration.ofDays(3));

    private final CatchUp catchUp = new CatchUp(HORIZON, Duration.ZERO, NOW);

    @Test
    void shouldCallAnInputHistoryOnlyWhenItIsOlderThanTheHorizonByTheWallClock() {
        assertThat(catchUp.input(DAYS_AGO, NOW)).isTrue();
        assertThat(catchUp.input(NOW.minus(HORIZON).minusMillis(1), NOW)).isTrue();
        assertThat(catchUp.input(NOW.minus(HORIZON), NOW)).isFalse();
        assertThat(catchUp.input(NOW.plusSeconds(2), NOW)).as("a sender's clock a little ahead").isFalse();
    }

    @Test
    void shouldJudgeTimersAtTheWallClockOnceTheLastInputWasPresent() {
        catchUp.input(DAYS_AGO, NOW);
        catchUp.input(NOW.minusSeconds(1), NOW);

        assertThat(catchUp.timersAt(NOW.plusSeconds(1))).contains(new CatchUp.Moment(NOW.plusSeconds(1), false));
        assertThat(catchUp.timersAt(NOW.plus(Duration.ofHours(2)))).as("a quiet partition stays caught up")
                .contains(new CatchUp.Moment(NOW.plus(Duration.ofHours(2)), false));
    }

    @Test
    void shouldJudgeTimersAtTheLastReplayedInputWhileReplayingHistory() {
        catchUp.input(DAYS_AGO, NOW);
        catchUp.input(DAYS_AGO.plusSeconds(90), NOW.plusSeconds(1));

        assertThat(catchUp.timersAt(NOW.plusSeconds(2))).contains(new CatchUp.Moment(DAYS_AGO.plusSeconds(90), true));
    }

    @Test
    void shouldCountAsCaughtUpAfterAWholeHorizonWithoutInput() {
        catchUp.input(DAYS_AGO, NOW.plusSeconds(10));

        assertThat(catchUp.timersAt(NOW.plusSeconds(10).plus(HORIZON).minusMillis(1)))
                .contains(new CatchUp.Moment(DAYS_AGO, true));
        Instant quiet = NOW.plusSeconds(10).plus(HORIZON);
        assertThat(catchUp.timersAt(quiet)).contains(new CatchUp.Moment(quiet, false));
    }

    @Test
    void shouldJudgeNoTimerBeforeTheFirstInputUntilAHorizonPassedSinceTheStart() {
        assertThat(catchUp.timersAt(NOW.plusSeconds(1))).as("inputs of a backlog may still come").isEmpty();
        assertThat(catchUp.timersAt(NOW.plus(HORIZON))).contains(new CatchUp.Moment(NOW.plus(HORIZON), false));
    }

    @Test
    void shouldJudgeTimersOneInputLatenessBehindTheWallClockOnceCaughtUp() {
        CatchUp late = new CatchUp(HORIZON, Duration.ofSeconds(1), NOW);
        late.input(NOW, NOW);

        assertThat(late.timersAt(NOW.plusSeconds(5))).contains(new CatchUp.Moment(NOW.plusSeconds(4), false));
        late.input(DAYS_AGO, NOW.plusSeconds(6));
        assertThat(late.timersAt(NOW.plusSeconds(7))).as("while replaying, the last input's time as before")
                .contains(new CatchUp.Moment(DAYS_AGO, true));
    }
}
