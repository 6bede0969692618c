package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver on the whole topology, with the wall clock starting at a given instant. */
final class AlertTopologyDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<PeerKey, TunnelEvent> events;
    private final TestInputTopic<PeerKey, CounterSample> counters;
    private final TestOutputTopic<PeerKey, AlertRecord> alerts;

    AlertTopologyDriver(Path stateDir, Instant wallClock, PeerStateListener listener) {
        var settings = new StreamsSettings("unused:9092", "tunnelwatch-test", stateDir, 1, 1, null, Map.of());
        driver = new TopologyTestDriver(TunnelwatchTopology.build(listener, listener,
                io.tunnelwatch.streams.detect.DetectorSettings.defaults()), settings.toProperties(), wallClock);
        events = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer());
        counters = driver.createInputTopic(Topics.COUNTERS.name(), Topics.COUNTERS.keySerde().serializer(),
                Topics.COUNTERS.valueSerde().serializer());
        alerts = driver.createOutputTopic(StreamsTopics.ALERTS.name(), StreamsTopics.ALERTS.keySerde().deserializer(),
                StreamsTopics.ALERTS.valueSerde().deserializer());
    }

    void pipe(TunnelEvent event) {
        events.pipeInput(event.key(), event, event.receivedAt());
    }

    void pipe(CounterSample sample) {
        counters.pipeInput(sample.key(), sample, sample.polledAt());
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** The alert records published since the last call. */
    List<AlertRecord> alerts() {
        return alerts.readValuesToList();
    }

    TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
