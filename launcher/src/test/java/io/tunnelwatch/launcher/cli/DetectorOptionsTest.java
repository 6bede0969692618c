package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.launcher.config.ConfigFileException;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The detector threshold options and the configuration file: unset ones keep the defaults of
 * docs/configuration.md#detector-thresholds, an option wins
 * over the file, bad ones name the option or the file, line and key.
 */
class DetectorOptionsTest {

    @TempDir
    Path dir;

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

    @Test
    void shouldApplyEveryThresholdOfTheConfigFile() throws IOException {
        Path file = write("""
                # tunnelwatch.yaml
                detectors:
                  stuckAfter: 2m
                  flatSamples: 4
                  resolveAfter: 90
                  silentAfter: 10m
                  missingAfter: 1h
                  flapCycles: 5
                  flapWindow: 30m
                  messageWindow: 120s
                  cryptoErrorsPerPoll: 0
                  catchUpHorizon: 15m
                  peerStateRefresh: 1m
                """);

        assertThat(parse("--config", file.toString())).isEqualTo(new DetectorSettings(Duration.ofMinutes(2), 4, 5,
                Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(120),
                Duration.ofSeconds(90), 0, Duration.ofMinutes(15), Duration.ofMinutes(1)));
    }

    @Test
    void shouldLetAnOptionWinOverTheFileAndTheFileOverTheDefaults() throws IOException {
        Path file = write("detectors:\n  stuckAfter: 2m\n  flatSamples: 4\n");

        DetectorSettings s = parse("--config", file.toString(), "--stuck-after", "7");

        assertThat(s.stuckAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.flatSamples()).isEqualTo(4);
        assertThat(s.resolveAfter()).isEqualTo(DetectorSettings.defaults().resolveAfter());
    }

    @Test
    void shouldTakeAnEmptyFileAsTheDefaults() throws IOException {
        assertThat(parse("--config", write("# nothing yet\n").toString())).isEqualTo(DetectorSettings.defaults());
    }

    @Test
    void shouldRejectAnUnknownKeyWithTheFileTheLineAndTheKey() throws IOException {
        Path file = write("detectors:\n  stuckAfter: 60s\n  stuckAftr: 90s\n");

        assertThatThrownBy(() -> parse("--config", file.toString())).isInstanceOf(ConfigFileException.class)
                .hasMessage(file + " line 3: unknown key 'stuckAftr' under 'detectors' (known: stuckAfter,"
                        + " flatSamples, resolveAfter, silentAfter, missingAfter, flapCycles, flapWindow,"
                        + " messageWindow, cryptoErrorsPerPoll, catchUpHorizon, peerStateRefresh)");
        Path top = write("detector:\n  stuckAfter: 60s\n");
        assertThatThrownBy(() -> parse("--config", top.toString()))
                .hasMessageStartingWith(top + " line 1: unknown key 'detector' at the top");
    }

    @Test
    void shouldRejectABadValueBrokenYamlOrAMissingFileInOneLine() throws IOException {
        Path bad = write("detectors:\n  flatSamples: three\n");
        assertThatThrownBy(() -> parse("--config", bad.toString()))
                .hasMessage(bad + " line 2: 'flatSamples' must be a whole number 1..100, was 'three'");
        Path zero = write("detectors:\n\n  resolveAfter: 0s\n");
        assertThatThrownBy(() -> parse("--config", zero.toString()))
                .hasMessage(zero + " line 3: 'resolveAfter' must be a duration of 1s..24h (e.g. 90, 90s, 5m, 1h),"
                        + " was '0s'");
        Path broken = write("detectors:\n  stuckAfter: [60s\n");
        assertThatThrownBy(() -> parse("--config", broken.toString())).isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith(broken + " line ").hasMessageContaining("not valid YAML").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parse("--config", dir.resolve("none.yaml").toString()))
                .hasMessage(dir.resolve("none.yaml") + ": no such file");
    }

    @Test
    void shouldShowTheOffendingLineOfTheConfigFileWithACaretUnderThePlace() throws IOException {
        Path tab = write("detectors:\n\tstuckAfter: 60s\n");
        assertThatThrownBy(() -> parse("--config", tab.toString()))
                .isInstanceOfSatisfying(ConfigFileException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(tab + " line 2, column 1: not valid YAML: a tab character:"
                            + " YAML indents with spaces only");
                    assertThat(e.excerpt()).isEqualTo("  2 | \tstuckAfter: 60s\n    | ^");
                });
        Path typo = write("detectors:\n  stuckAfter: 60s\n  stuckAftr: 90s\n");
        assertThatThrownBy(() -> parse("--config", typo.toString()))
                .isInstanceOfSatisfying(ConfigFileException.class, e -> assertThat(e.excerpt())
                        .isEqualTo("  3 |   stuckAftr: 90s\n    |   ^"));
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "tunnelwatch", ".yaml");
        return Files.writeString(file, yaml);
    }
}
