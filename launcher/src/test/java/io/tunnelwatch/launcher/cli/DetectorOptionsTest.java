package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.streams.detect.DetectorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The detector threshold options: unset ones keep the DESIGN.md defaults, bad ones name the option. */
class DetectorOptionsTest {

    private static DetectorSettings parse(String... args) {
        DetectorOptions options = new DetectorOptions();
        new CommandLine(options).parseArgs(args);
        return options.toSettings();
    }

    @Test
    void shouldKeepTheDefaultsWhenNoOptionIsGiven() {
        assertThat(parse()).isEqualTo(DetectorSettings.defaults());
    }

    @Test
    void shouldChangeOnlyTheGivenThresholds() {
        DetectorSettings s = parse("--stuck-after", "6", "--flat-samples", "2", "--resolve-after", "8",
                "--silent-after", "30", "--missing-after", "40");

        assertThat(s.stuckAfter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.flatSamples()).isEqualTo(2);
        assertThat(s.resolveAfter()).isEqualTo(Duration.ofSeconds(8));
        assertThat(s.silenceAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.missingAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(s.flapWindow()).isEqualTo(DetectorSettings.defaults().flapWindow());
        assertThat(s.cryptoErrorsPerPoll()).isEqualTo(DetectorSettings.defaults().cryptoErrorsPerPoll());
    }

    @Test
    void shouldRejectAThresholdOutOfRangeInOneLineNamingTheOption() {
        assertThatThrownBy(() -> parse("--stuck-after", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--stuck-after must be 1..86400 seconds, was 0");
        assertThatThrownBy(() -> parse("--flat-samples", "-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--flat-samples must be 1..100 polls, was -1");
    }
}
