package io.tunnelwatch.streams;

import static io.tunnelwatch.testsupport.LogCapture.warningsWhile;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private final StreamsSettings settings = new StreamsSettings("127.0.0.1:9092", "tunnelwatch",
            Path.of("tunnelwatch-data", "streams"), 1, 1, "tunnelwatch-all-in-one", Map.of());

    @Test
    void shouldGiveKafkaStreamsAConfigurationItHasNoWarningAbout() throws Exception {
        assertThat(warningsWhile(() -> new StreamsConfig(settings.toProperties()))).isEmpty();
    }

    @Test
    void shouldGiveThePartitionAssignorAConfigurationItHasNoWarningAbout() throws Exception {
        // The assignor builds a StreamsConfig of its own from the main consumer's settings.
        Map<String, Object> mainConsumer = new StreamsConfig(settings.toProperties())
                .getMainConsumerConfigs("tunnelwatch", "tunnelwatch-StreamThread-1-consumer", 0);

        assertThat(warningsWhile(() -> new StreamsConfig(mainConsumer))).isEmpty();
    }
}
