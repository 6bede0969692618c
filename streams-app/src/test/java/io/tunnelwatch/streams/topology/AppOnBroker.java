package io.tunnelwatch.streams.topology;

import static org.awaitility.Awaitility.await;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.PeerKeySerde;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerStateListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The real app's topology on the test broker with the app's own settings and a fresh application id, for the tests
 * that need Kafka's commits and transactions (which the TopologyTestDriver does not have); {@link #close} stops it
 * and deletes its local state.
 */
final class AppOnBroker implements AutoCloseable {

    private final KafkaStreams streams;
    private final String applicationId;

    private AppOnBroker(KafkaStreams streams, String applicationId) {
        this.streams = streams;
        this.applicationId = applicationId;
    }

    /** Starts the app and waits until it is RUNNING. */
    static AppOnBroker start(String bootstrap, Path stateDir, Map<String, String> overrides,
                             DetectorSettings detectors) {
        return start(bootstrap, stateDir, "tunnelwatch-it-" + UUID.randomUUID(), overrides, detectors);
    }

    /** With a given application id, so a test can prepare its state directory. */
    static AppOnBroker start(String bootstrap, Path stateDir, String applicationId, Map<String, String> overrides,
                             DetectorSettings detectors) {
        var settings = new StreamsSettings(bootstrap, applicationId, stateDir, 1, 1, null, overrides);
        KafkaStreams streams = new KafkaStreams(TunnelwatchTopology.build(PeerStateListener.NONE,
                PeerStateListener.NONE, detectors), settings.toProperties());
        streams.start();
        await().atMost(Duration.ofMinutes(2)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return new AppOnBroker(streams, applicationId);
    }

    String applicationId() {
        return applicationId;
    }

    /** One of the app's key-value stores, read as a query of the running instance reads it. */
    <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /** A {@code read_committed} reader of {@code device|peer}-keyed records. */
    static <V> KafkaConsumer<PeerKey, V> committedReader(String bootstrap, Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new PeerKeySerde().deserializer(), values);
    }

    /** {@code peer}'s records of {@code topic} since the last read (the consumer is moved onto the topic first). */
    static <V> List<V> readNew(KafkaConsumer<PeerKey, V> consumer, String topic, PeerKey peer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (!consumer.assignment().containsAll(partitions)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        List<V> mine = new ArrayList<>();
        for (ConsumerRecord<PeerKey, V> r : consumer.poll(Duration.ofMillis(500))) {
            if (peer.equals(r.key())) {
                mine.add(r.value());
            }
        }
        return mine;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
    }
}
