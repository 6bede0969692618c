package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.streams.detect.DetectorSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The main detector thresholds (DESIGN.md "Detectors"); the others keep their defaults. Unset options keep the
 * default, so {@code --stuck-after 120} changes that one threshold only.
 */
public final class DetectorOptions {

    private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();

    @Option(names = "--stuck-after", paramLabel = "SECONDS",
            description = "How long IKE/IPsec may hang in one phase, or a tunnel interface stay down, before its alert"
                    + " opens (default: 60).")
    Integer stuckAfterSeconds;

    @Option(names = "--flat-samples", paramLabel = "N",
            description = "Consecutive polls one direction stays flat while the other rises before Decaps/Encaps"
                    + "Stalled opens (default: 3).")
    Integer flatSamples;

    @Option(names = "--resolve-after", paramLabel = "SECONDS",
            description = "How long a condition must stay healed before its alert resolves (default: 60).")
    Integer resolveAfterSeconds;

    @Option(names = "--silent-after", paramLabel = "SECONDS",
            description = "No syslog, trap or answered poll for this long makes a polled device silent"
                    + " (default: 300).")
    Integer silentAfterSeconds;

    @Option(names = "--missing-after", paramLabel = "SECONDS",
            description = "An inventory peer with no SA and no negotiation for this long opens ExpectedPeerMissing"
                    + " (default: 300).")
    Integer missingAfterSeconds;

    /**
     * The thresholds these options give.
     *
     * @throws IllegalArgumentException naming the option, when a value is out of range
     */
    DetectorSettings toSettings() {
        DetectorSettings d = DEFAULTS;
        return new DetectorSettings(
                seconds("--stuck-after", stuckAfterSeconds, d.stuckAfter()),
                count("--flat-samples", flatSamples, d.flatSamples()),
                d.flapCycles(),
                d.flapWindow(),
                seconds("--silent-after", silentAfterSeconds, d.silenceAfter()),
                seconds("--missing-after", missingAfterSeconds, d.missingAfter()),
                d.messageWindow(),
                seconds("--resolve-after", resolveAfterSeconds, d.resolveAfter()),
                d.cryptoErrorsPerPoll());
    }

    private static Duration seconds(String option, Integer value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 86_400) {
            throw new IllegalArgumentException(option + " must be 1..86400 seconds, was " + value);
        }
        return Duration.ofSeconds(value);
    }

    private static int count(String option, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException(option + " must be 1..100 polls, was " + value);
        }
        return value;
    }
}
