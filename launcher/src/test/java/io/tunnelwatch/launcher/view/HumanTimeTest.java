package io.tunnelwatch.launcher.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Times as a person on call reads them, told against one now. */
class HumanTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T11:45:30Z");
    private final HumanTime time = new HumanTime(NOW);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-04T11:45:30Z           | 11:45:30 UTC (just now)
            2026-12-04T11:44:31.999999999Z | 11:44:31 UTC (just now)
            2026-12-04T11:42:48.123456789Z | 11:42:48 UTC (2 min ago)
            2026-12-04T11:42:30Z           | 11:42:30 UTC (3 min ago)
            2026-12-04T09:40:30Z           | 09:40:30 UTC (2 h 5 min ago)
            2026-12-04T08:45:30Z           | 08:45:30 UTC (3 h ago)
            2026-12-04T00:00:00Z           | 00:00:00 UTC (11 h 45 min ago)
            2026-12-03T23:59:59Z           | 2026-12-03 23:59:59 UTC (11 h 45 min ago)
            2026-12-01T11:45:30Z           | 2026-12-01 11:45:30 UTC (3 days ago)
            2026-12-04T11:45:50Z           | 11:45:50 UTC (just now)
            2026-12-04T11:50:30Z           | 11:50:30 UTC (in 5 min)
            """)
    void shouldTellATimeOfDayAndHowLongAgoWithTheDateWhenNotToday(String iso, String shown) {
        assertThat(time.when(Instant.parse(iso))).isEqualTo(shown);
    }

    @Test
    void shouldTellEveryInstantInsideATextAndLeaveTheRest() {
        assertThat(time.text("condition absent since 2026-12-04T11:42:48.123456789Z, flat since"
                + " 2026-12-03T10:00:00Z; not a time: 2026-12-04"))
                .isEqualTo("condition absent since 11:42:48 UTC (2 min ago), flat since 2026-12-03 10:00:00 UTC"
                        + " (25 h 45 min ago); not a time: 2026-12-04");
        assertThat(time.text(null)).isNull();
        assertThat(time.when(null)).isEqualTo("?");
    }

    @Test
    void shouldSayTheSpanOfARepeatWithoutAgo() {
        assertThat(time.between(Instant.parse("2026-12-04T11:40:02.5Z"), Instant.parse("2026-12-04T11:42:48Z")))
                .isEqualTo("between 11:40:02 and 11:42:48 UTC");
        assertThat(time.between(Instant.parse("2026-12-03T23:59:02Z"), Instant.parse("2026-12-04T00:01:00Z")))
                .isEqualTo("between 2026-12-03 23:59:02 and 00:01:00 UTC");
    }
}
