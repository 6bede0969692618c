package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --metrics-kafka-all}: off unless given on the command line or in the environment. */
class HttpOptionsTest {

    private static HttpOptions parse(Map<String, String> environment, String... args) {
        HttpOptions options = new HttpOptions();
        new CommandLine(options).setDefaultValueProvider(new EnvironmentDefaults(environment)).parseArgs(args);
        return options;
    }

    @Test
    void shouldServeOnlyTheKeptKafkaMetricsByDefault() {
        assertThat(parse(Map.of()).kafkaMetricsAll).isFalse();
    }

    @Test
    void shouldServeEveryKafkaMetricWithTheOption() {
        assertThat(parse(Map.of(), "--metrics-kafka-all").kafkaMetricsAll).isTrue();
    }

    @Test
    void shouldServeEveryKafkaMetricWithTheEnvironmentVariable() {
        assertThat(parse(Map.of("TUNNELWATCH_METRICS_KAFKA_ALL", "true")).kafkaMetricsAll).isTrue();
        assertThat(parse(Map.of("TUNNELWATCH_METRICS_KAFKA_ALL", "false")).kafkaMetricsAll).isFalse();
    }
}
