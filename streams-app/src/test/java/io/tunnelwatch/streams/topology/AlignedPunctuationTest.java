package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Kafka Streams' own scheduling (a real task under {@link TopologyTestDriver}) puts the punctuations on the second. */
class AlignedPunctuationTest {

    @Test
    void punctuatesOnTheWholeSecondsWhateverTheTimeItStarted() {
        List<Long> punctuated = new ArrayList<>();
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        topology.addProcessor("p", () -> new Processor<String, String, Void, Void>() {
            @Override
            public void init(ProcessorContext<Void, Void> context) {
                AlignedPunctuation.schedule(context, Duration.ofSeconds(1), punctuated::add);
            }

            @Override
            public void process(Record<String, String> record) {
            }
        }, "in");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aligned-punctuation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(1_234_567))) {
            driver.advanceWallClockTime(Duration.ofMillis(400));
            assertThat(punctuated).as("before the next whole second").isEmpty();
            driver.advanceWallClockTime(Duration.ofMillis(100));
            // Past 1,235,000; a punctuation a second after the start would wait until 1,235,567. It is told the time.
            assertThat(punctuated).containsExactly(1_235_067L);
            driver.advanceWallClockTime(Duration.ofMillis(900));
            assertThat(punctuated).as("before 1,236,000").hasSize(1);
            driver.advanceWallClockTime(Duration.ofMillis(100));
            assertThat(punctuated).containsExactly(1_235_067L, 1_236_067L);
        }
    }
}
