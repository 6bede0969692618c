package io.tunnelwatch.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.nio.charset.StandardCharsets;

/**
 * Any configuration file text: the loader gives detector settings or fails with the declared
 * {@link ConfigFileException} naming the file (the launcher prints it and exits 2); nothing else escapes.
 */
class ConfigFileFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void configFileGivesSettingsOrANamedMistakeForAnyText(byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            DetectorSettings settings = ConfigFile.parseDetectors("tunnelwatch.yaml", yaml,
                    DetectorSettings.defaults());
            assertThat(settings).isNotNull();
        } catch (ConfigFileException mistake) {
            assertThat(mistake.getMessage()).startsWith("tunnelwatch.yaml");
        }
    }
}
