package io.tunnelwatch.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderStyleTest {

    @ParameterizedTest
    @CsvSource({"0,00:00:00", "3725,01:02:05", "90000,1d1h", "864000,1w3d", "69120000,2y10w"})
    void shouldWriteUptimeTheWayIosDoes(long seconds, String expected) {
        assertThat(HeaderStyle.uptime(seconds)).isEqualTo(expected);
    }
}
