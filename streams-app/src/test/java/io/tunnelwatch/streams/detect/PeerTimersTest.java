package io.tunnelwatch.streams.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.PeerKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeerTimersTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final PeerKey A = new PeerKey("rtr-a", "198.51.100.7");
    private static final PeerKey B = new PeerKey("rtr-b", "2001:db8::7");
    private static final PeerKey C = new PeerKey("rtr-c", "203.0.113.9");

    private final PeerTimers timers = new PeerTimers();

    @Test
    void shouldReturnOnlyTheDueTimersEarliestFirstAndRemoveThem() {
        timers.reschedule(C, null, T.plusSeconds(120));
        timers.reschedule(B, null, T.plusSeconds(60));
        timers.reschedule(A, null, T.plusMillis(59_999));

        assertThat(timers.takeDue(T.plusSeconds(60))).containsExactly(A, B);
        assertThat(timers.takeDue(T.plusSeconds(60))).isEmpty();
        assertThat(timers.takeDue(T.plusSeconds(119))).isEmpty();
        assertThat(timers.takeDue(T.plusSeconds(121))).containsExactly(C);
    }

    @Test
    void shouldMoveATimerInsteadOfAddingASecond() {
        timers.reschedule(A, null, T.plusSeconds(10));
        timers.reschedule(A, T.plusSeconds(10), T.plusSeconds(90));

        assertThat(timers.size()).isEqualTo(1);
        assertThat(timers.takeDue(T.plusSeconds(60))).isEmpty();
        assertThat(timers.takeDue(T.plusSeconds(90))).containsExactly(A);
    }

    @Test
    void shouldDropATimerWhenItsKeyHasNoneLeft() {
        timers.reschedule(A, null, T.plusSeconds(10));
        timers.reschedule(A, T.plusSeconds(10), null);

        assertThat(timers.size()).isZero();
        assertThat(timers.takeDue(T.plusSeconds(3600))).isEmpty();
    }

    @Test
    void shouldKeepTwoKeysDueInTheSameMillisecond() {
        timers.reschedule(B, null, T);
        timers.reschedule(A, null, T);

        assertThat(timers.takeDue(T)).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void shouldForgetEveryTimerOnClear() {
        timers.reschedule(A, null, T);
        timers.clear();

        assertThat(timers.takeDue(T.plusSeconds(1))).isEmpty();
    }
}
