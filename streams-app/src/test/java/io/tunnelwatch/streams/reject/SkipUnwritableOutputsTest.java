package io.tunnelwatch.streams.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.metrics.TunnelwatchMeters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's Kafka Streams settings on a topology whose sink cannot serialise one crafted value: that output is
 * counted as {@code processing_error} against its input topic and dropped, and the outputs after it are written.
 * Kafka's default handler on the same topology fails the task instead.
 */
class SkipUnwritableOutputsTest {

    private static final String IN = "test.in";
    private static final String OUT = "test.out";
    private static final String UNWRITABLE = "cannot-write-me";

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RejectedRecords rejected = new RejectedRecords(registry, List.of(), Clock.systemUTC());

    @Test
    void shouldCountAndDropAnOutputItsSinkCannotSerialiseAndWriteTheOutputsAfterIt() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough(), appProperties())) {
            TestInputTopic<String, String> in = driver.createInputTopic(IN, new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic(OUT, new StringDeserializer(),
                    new StringDeserializer());

            in.pipeInput("peer", "first");
            in.pipeInput("peer", UNWRITABLE);
            in.pipeInput("peer", "third");

            assertThat(out.readValuesToList()).containsExactly("first", "third");
            assertThat(rejected.count(IN, RejectReason.PROCESSING_ERROR)).isEqualTo(1.0);
            assertThat(registry.get(TunnelwatchMeters.RECORDS_REJECTED.meterName())
                    .tags("topic", IN, "reason", "processing_error").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldFailTheTaskOnTheSameOutputWithKafkasDefaultHandler() {
        Properties properties = appProperties();
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DefaultProductionExceptionHandler.class.getName());
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough(), properties)) {
            TestInputTopic<String, String> in = driver.createInputTopic(IN, new StringSerializer(),
                    new StringSerializer());
            in.pipeInput("peer", "first");

            assertThatThrownBy(() -> in.pipeInput("peer", UNWRITABLE)).isInstanceOf(StreamsException.class);
            assertThat(rejected.count(IN, RejectReason.PROCESSING_ERROR)).isZero();
        }
    }

    private Properties appProperties() {
        Properties properties = new StreamsSettings("localhost:9", "skip-unwritable-test", stateDir, 1, 1, null,
                Map.of()).toProperties();
        properties.put(RejectedRecords.CONFIG_KEY, rejected);
        return properties;
    }

    /** Source to sink; the sink's serialiser refuses {@link #UNWRITABLE}, as a serde with a bug would. */
    private static Topology passThrough() {
        Serializer<String> refusing = (topic, value) -> {
            if (UNWRITABLE.equals(value)) {
                throw new SerializationException("cannot serialise " + value);
            }
            return value.getBytes(StandardCharsets.UTF_8);
        };
        Topology topology = new Topology();
        topology.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), IN);
        topology.addSink("sink", OUT, Serdes.String().serializer(), refusing, "source");
        return topology;
    }
}
