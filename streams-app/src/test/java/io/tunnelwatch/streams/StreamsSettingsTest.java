package io.tunnelwatch.streams;

import static io.tunnelwatch.testsupport.LogCapture.warningsWhile;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.streams.reject.RejectedRecords;
import io.tunnelwatch.streams.reject.SkipUnreadableRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

    @Test
    void shouldSkipUnreadableRecordsAndCarryTheAppsCounterWithoutAWarning() throws Exception {
        java.util.Properties props = settings.toProperties();
        props.put(RejectedRecords.CONFIG_KEY, new RejectedRecords(new SimpleMeterRegistry(), List.of(),
                Clock.systemUTC()));

        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(SkipUnreadableRecords.class.getName());
        assertThat(warningsWhile(() -> new StreamsConfig(props))).isEmpty();
        Map<String, Object> mainConsumer = new StreamsConfig(props)
                .getMainConsumerConfigs("tunnelwatch", "tunnelwatch-StreamThread-1-consumer", 0);
        assertThat(warningsWhile(() -> new StreamsConfig(mainConsumer))).isEmpty();
    }
}
