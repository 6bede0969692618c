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
import org.apache.kafka.clients.producer.ProducerConfig;
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

    @Test
    void shouldWriteLz4BatchesUnlessTheKafkaConfigSaysOtherwise() {
        // Uncompressed, the state topics took 7.4 bytes per byte of events
        // (docs/performance.md#the-engine-under-the-load-harness-profile).
        Map<String, Object> producer = new StreamsConfig(settings.toProperties()).getProducerConfigs("p");
        assertThat(producer.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");

        var chosen = new StreamsSettings("127.0.0.1:9092", "tunnelwatch", Path.of("streams"), 1, 1, null,
                Map.of("producer.compression.type", "zstd"));
        assertThat(new StreamsConfig(chosen.toProperties()).getProducerConfigs("p")
                .get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("zstd");
    }

    @Test
    void shouldNotHoldATaskBackForAnInputWithNothingBuffered() {
        assertThat(new StreamsConfig(settings.toProperties()).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }
}
