package io.tunnelwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The collector's receive and poll times are whole microseconds, and they follow the system clock. */
class ReceiveClockTest {

    @Test
    void shouldStampWholeMicrosecondsCloseToTheSystemClock() {
        IntStream.range(0, 10_000).forEach(i -> {
            Instant before = Instant.now().minus(Duration.ofNanos(1_000));
            Instant stamped = Collector.RECEIVE_CLOCK.instant();
            assertThat(stamped.getNano() % 1_000).isZero();
            assertThat(stamped).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
        });
    }
}
