package io.tunnelwatch.streams.reject;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.peer.PeerInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private static Optional<RejectReason> check(PeerKey key, PeerInput input, Instant recordTime) {
        return InputValidator.check(key, input, recordTime.toEpochMilli(), T0).map(InputValidator.Rejection::reason);
    }

    @Test
    void shouldAcceptAnEventAndASampleOfNow() {
        assertThat(check(PEER, new PeerInput.Event(event(EventKind.SESSION_UP, T0)), T0)).isEmpty();
        assertThat(check(PEER, new PeerInput.Sample(sample(T0, 1, 10, 10)), T0)).isEmpty();
    }

    @Test
    void shouldAcceptAReplayOfLastWeekAndAClockAnHourAhead() {
        Instant lastWeek = T0.minus(Duration.ofDays(7));
        Instant ahead = T0.plus(Duration.ofHours(1));
        assertThat(check(PEER, new PeerInput.Event(event(EventKind.SESSION_UP, lastWeek)), lastWeek)).isEmpty();
        assertThat(check(PEER, new PeerInput.Event(event(EventKind.SESSION_UP, ahead)), ahead)).isEmpty();
    }

    @Test
    void shouldRejectTimesIn1970And2100WhetherInTheRecordOrInTheValue() {
        Instant y2100 = Instant.parse("2100-01-01T00:00:00Z");
        assertThat(check(PEER, new PeerInput.Event(event(EventKind.SESSION_UP, y2100)), T0))
                .contains(RejectReason.TIME_OUT_OF_RANGE);
        assertThat(check(PEER, new PeerInput.Event(event(EventKind.SESSION_UP, T0)), Instant.EPOCH))
                .contains(RejectReason.TIME_OUT_OF_RANGE);
        assertThat(check(PEER, new PeerInput.Sample(sample(Instant.EPOCH, 1, 1, 1)), T0))
                .contains(RejectReason.TIME_OUT_OF_RANGE);
    }

    @Test
    void shouldRejectNegativeCountersAndSaCounts() {
        assertThat(check(PEER, new PeerInput.Sample(sample(T0, 1, -5, 10)), T0))
                .contains(RejectReason.NEGATIVE_COUNTER);
        CounterSample noSa = sample(T0, -1, 0, 0);
        assertThat(check(PEER, new PeerInput.Sample(noSa), T0)).contains(RejectReason.NEGATIVE_COUNTER);
    }

    @Test
    void shouldRejectANullKeyATombstoneAndAValueOfAnotherPeer() {
        PeerInput up = new PeerInput.Event(event(EventKind.SESSION_UP, T0));
        assertThat(check(null, up, T0)).contains(RejectReason.NULL_KEY);
        assertThat(check(PEER, null, T0)).contains(RejectReason.EMPTY_VALUE);
        assertThat(check(new PeerKey(PEER.device(), "203.0.113.1"), up, T0)).contains(RejectReason.INVALID_VALUE);
    }
}
