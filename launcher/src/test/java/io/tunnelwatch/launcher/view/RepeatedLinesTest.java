package io.tunnelwatch.launcher.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line repeated one after the other is shown once, with its count and span. */
class RepeatedLinesTest {

    private final HumanTime time = new HumanTime(Instant.parse("2026-12-04T11:45:48Z"));

    @Test
    void shouldShowALineRepeatedSixTimesOnceWithItsCountAndSpan() {
        List<String> lines = new ArrayList<>();
        lines.add("2026-12-04T11:39:00Z CRYPTO-5-SESSION_STATUS Crypto tunnel is UP");
        for (int i = 0; i < 6; i++) {
            lines.add(Instant.parse("2026-12-04T11:40:02.000000123Z").plusSeconds(33L * i)
                    + " CRYPTO-4-RECVD_PKT_INV_SPI decaps: rec'd IPSEC packet has invalid spi");
        }
        lines.add("2026-12-04T11:43:00Z CRYPTO-5-SESSION_STATUS Crypto tunnel is UP");

        assertThat(RepeatedLines.show(lines, time)).containsExactly(
                "11:39:00 UTC (6 min ago)  CRYPTO-5-SESSION_STATUS Crypto tunnel is UP",
                "11:42:47 UTC (3 min ago)  CRYPTO-4-RECVD_PKT_INV_SPI decaps: rec'd IPSEC packet has invalid spi"
                        + "  ×6 between 11:40:02 and 11:42:47 UTC",
                "11:43:00 UTC (2 min ago)  CRYPTO-5-SESSION_STATUS Crypto tunnel is UP");
    }

    @Test
    void shouldFoldOnlyLinesOneAfterTheOtherAndCountLinesWithoutATime() {
        List<String> lines = List.of("2026-12-04T11:40:00Z A", "2026-12-04T11:41:00Z B", "2026-12-04T11:42:00Z A",
                "also TunnelFlapping (UNDERLAY): 4 cycles", "also TunnelFlapping (UNDERLAY): 4 cycles");

        assertThat(RepeatedLines.show(lines, time)).containsExactly("11:40:00 UTC (5 min ago)  A",
                "11:41:00 UTC (4 min ago)  B", "11:42:00 UTC (3 min ago)  A",
                "also TunnelFlapping (UNDERLAY): 4 cycles  ×2");
    }
}
