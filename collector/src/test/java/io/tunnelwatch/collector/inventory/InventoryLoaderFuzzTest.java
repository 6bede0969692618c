package io.tunnelwatch.collector.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tunnelwatch.collector.yaml.YamlFileException;
import java.nio.charset.StandardCharsets;

/**
 * Any file text: the inventory loader gives an inventory or fails with one of its declared exceptions, an
 * {@link InventoryException} for a mistake in an inventory or a {@link YamlFileException} for a text that is no YAML,
 * whose message names the file (the collector prints it and exits 2); nothing else escapes.
 */
class InventoryLoaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void loaderGivesAnInventoryOrANamedMistakeForAnyText(byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            Inventory inventory = InventoryLoader.parse("fuzz.yaml", yaml);
            assertThat(inventory).isNotNull();
        } catch (YamlFileException mistake) {
            assertThat(mistake.getMessage()).startsWith("fuzz.yaml");
        }
    }
}
