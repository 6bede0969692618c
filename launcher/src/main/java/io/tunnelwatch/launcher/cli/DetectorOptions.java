package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.config.ConfigFile;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The detector thresholds (docs/architecture.md#detectors-and-alerts): every one from the configuration file ({@code
 * --config}), the main
 * ones also as options. An option wins over the file, the file over the defaults, so {@code --stuck-after 120}
 * changes that one threshold only.
 */
public final class DetectorOptions {

    private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration YAML with the detector thresholds (docs/configuration.md); the options"
                    + " below win over it. Env: TUNNELWATCH_CONFIG.")
    Path config;

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
     * The thresholds these options and the configuration file give.
     *
     * @throws IllegalArgumentException naming the option, when a value is out of range, or the file, line and key,
     *                                  when the file cannot be used
     */
    DetectorSettings toSettings() {
        DetectorSettings d = config == null ? DEFAULTS : ConfigFile.detectors(config, DEFAULTS);
        return new DetectorSettings(
                seconds("--stuck-after", stuckAfterSeconds, d.stuckAfter()),
                count("--flat-samples", flatSamples, d.flatSamples()),
                d.flapCycles(),
                d.flapWindow(),
                seconds("--silent-after", silentAfterSeconds, d.silenceAfter()),
                seconds("--missing-after", missingAfterSeconds, d.missingAfter()),
                d.messageWindow(),
                seconds("--resolve-after", resolveAfterSeconds, d.resolveAfter()),
                d.cryptoErrorsPerPoll(),
                d.catchUpHorizon())
                .withPeerStateRefresh(d.peerStateRefresh());
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
