package io.tunnelwatch.streams.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.metrics.TunnelwatchMeters;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's Kafka Streams settings on a topology whose processor throws on one crafted record: the record is counted
 * as {@code processing_error} and skipped, and the records after it on the same partition are processed. Kafka's
 * default handler on the same topology fails the task instead (the thread would be replaced and meet the record
 * again).
 */
class SkipFailedRecordsTest {

    private static final String IN = "test.in";
    private static final String OUT = "test.out";
    private static final String POISON = "throw-here";

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RejectedRecords rejected = new RejectedRecords(registry, List.of(), Clock.systemUTC());

    @Test
    void shouldCountAndSkipTheRecordAProcessorThrowsOnAndProcessTheRecordsAfterIt() {
        try (TopologyTestDriver driver = new TopologyTestDriver(throwingTopology(), appProperties())) {
            TestInputTopic<String, String> in = driver.createInputTopic(IN, new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic(OUT, new StringDeserializer(),
                    new StringDeserializer());

            in.pipeInput("peer", "first");
            in.pipeInput("peer", POISON);
            in.pipeInput("peer", "third");
            in.pipeInput("peer", "fourth");

            assertThat(out.readValuesToList()).containsExactly("FIRST", "THIRD", "FOURTH");
            assertThat(rejected.count(IN, RejectReason.PROCESSING_ERROR)).isEqualTo(1.0);
            assertThat(registry.get(TunnelwatchMeters.RECORDS_REJECTED.meterName())
                    .tags("topic", IN, "reason", "processing_error").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldFailTheTaskOnTheSameRecordWithKafkasDefaultHandler() {
        Properties properties = appProperties();
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailProcessingExceptionHandler.class.getName());
        try (TopologyTestDriver driver = new TopologyTestDriver(throwingTopology(), properties)) {
            TestInputTopic<String, String> in = driver.createInputTopic(IN, new StringSerializer(),
                    new StringSerializer());
            in.pipeInput("peer", "first");

            assertThatThrownBy(() -> in.pipeInput("peer", POISON)).isInstanceOf(StreamsException.class);
            assertThat(rejected.count(IN, RejectReason.PROCESSING_ERROR)).isZero();
        }
    }

    private Properties appProperties() {
        Properties properties = new StreamsSettings("localhost:9", "skip-failed-test", stateDir, 1, 1, null,
                Map.of()).toProperties();
        properties.put(RejectedRecords.CONFIG_KEY, rejected);
        return properties;
    }

    /** Upper-cases each value; throws on {@link #POISON} as a processor with a bug would. */
    private static Topology throwingTopology() {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), IN);
        topology.addProcessor("upper", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                if (POISON.equals(record.value())) {
                    throw new IllegalStateException("cannot process " + record.value());
                }
                context.forward(record.withValue(record.value().toUpperCase(java.util.Locale.ROOT)));
            }
        }, "source");
        topology.addSink("sink", OUT, Serdes.String().serializer(), Serdes.String().serializer(), "upper");
        return topology;
    }
}
