package io.tunnelwatch.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instant reader must agree with {@link Instant#parse} or step aside for it. */
class JsonValuesTest {

    @Test
    void shouldReadWhatInstantToStringWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            long second = random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0000 to 9999
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(second, nanos);
            String text = at.toString();

            Instant fast = JsonValues.parseIso(text.toCharArray(), 0, text.length());

            assertThat(fast).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T10:00:00Z", "2026-11-26T10:00:00.1Z", "2026-11-26T10:00:00.12345Z",
        "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z"})
    void shouldReadAnyFractionWidthAsInstantParseDoes(String text) {
        assertThat(JsonValues.parseIso(text.toCharArray(), 0, text.length())).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T10:00:60Z",
        "2026-11-26T10:00:00.Z", "2026-11-26 10:00:00Z", "2026-11-26T10:00:00+01:00", "2026-11-26T10:00:00",
        "+12026-01-01T00:00:00Z", "2026-1a-26T10:00:00Z", "2026-11-26T10:00:00.1234567890Z"})
    void shouldLeaveAnythingElseToInstantParse(String text) {
        assertThat(JsonValues.parseIso(text.toCharArray(), 0, text.length())).isNull();
    }
}
