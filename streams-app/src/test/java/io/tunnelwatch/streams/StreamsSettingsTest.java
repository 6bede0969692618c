package io.tunnelwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private final StreamsSettings settings = new StreamsSettings("127.0.0.1:9092", "tunnelwatch",
            Path.of("tunnelwatch-data", "streams"), 1, 1, "tunnelwatch-all-in-one", Map.of());

    @Test
    void shouldGiveKafkaStreamsAConfigurationItHasNoWarningAbout() {
        assertThat(warningsWhile(() -> new StreamsConfig(settings.toProperties()))).isEmpty();
    }

    @Test
    void shouldGiveThePartitionAssignorAConfigurationItHasNoWarningAbout() {
        // The assignor builds a StreamsConfig of its own from the main consumer's settings.
        Map<String, Object> mainConsumer = new StreamsConfig(settings.toProperties())
                .getMainConsumerConfigs("tunnelwatch", "tunnelwatch-StreamThread-1-consumer", 0);

        assertThat(warningsWhile(() -> new StreamsConfig(mainConsumer))).isEmpty();
    }

    /** Every WARN or ERROR line logged while {@code action} runs. */
    private static List<String> warningsWhile(Runnable action) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                warnings.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.addAppender(capture, Level.WARN, null);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            root.removeAppender(capture.getName());
            context.updateLoggers();
            capture.stop();
        }
        return warnings;
    }
}
