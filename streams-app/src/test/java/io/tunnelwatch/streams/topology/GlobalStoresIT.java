package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topic;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global stores {@code device-status} and {@code device-addresses} are kept in memory, not in RocksDB
 * (docs/performance.md#global-stores-in-memory): nothing of them is on disk, so every instance builds them again from
 * their compacted topics when it starts. On the real broker: an instance that starts finds, before it is RUNNING,
 * every silent device and every inventory address written before it; a running instance follows what is written
 * after; a device that is heard again leaves the status store; the first start after an upgrade from a release that
 * kept them on disk finds them whole.
 */
class GlobalStoresIT {

    @TempDir
    Path stateDirs;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final PeerKey silentThenHeard = PeerKey.deviceWide("rtr-global-a-" + run);
    private final PeerKey heardThenSilent = PeerKey.deviceWide("rtr-global-b-" + run);
    private final String address = "192.0.2.77-" + run;

    @Test
    void shouldBuildTheGlobalStoresFromTheirTopicsOnEveryStart() {
        String bootstrap = KafkaFixture.bootstrapServers(StreamsTopics.ALL);
        send(bootstrap, StreamsTopics.DEVICE_STATUS, silentThenHeard, status(silentThenHeard, true));
        send(bootstrap, StreamsTopics.DEVICE_STATUS, heardThenSilent, status(heardThenSilent, false));
        send(bootstrap, Topics.DEVICE_ADDRESSES, address,
                new DeviceAddress(DeviceAddress.VERSION, address, silentThenHeard.device()));

        try (AppOnBroker first = AppOnBroker.start(bootstrap, stateDirs.resolve("first"), Map.of(),
                DetectorSettings.defaults())) {
            // Restored before RUNNING: no wait.
            assertThat(statuses(first).get(silentThenHeard)).isEqualTo(status(silentThenHeard, true));
            assertThat(statuses(first).get(heardThenSilent)).isNull();
            assertThat(addresses(first).get(address).device()).isEqualTo(silentThenHeard.device());

            send(bootstrap, StreamsTopics.DEVICE_STATUS, silentThenHeard, status(silentThenHeard, false));
            send(bootstrap, StreamsTopics.DEVICE_STATUS, heardThenSilent, status(heardThenSilent, true));
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                assertThat(statuses(first).get(silentThenHeard)).isNull();
                assertThat(statuses(first).get(heardThenSilent)).isEqualTo(status(heardThenSilent, true));
            });
        }

        try (AppOnBroker second = AppOnBroker.start(bootstrap, stateDirs.resolve("second"), Map.of(),
                DetectorSettings.defaults())) {
            assertThat(statuses(second).get(silentThenHeard)).isNull();
            assertThat(statuses(second).get(heardThenSilent)).isEqualTo(status(heardThenSilent, true));
            assertThat(addresses(second).get(address).device()).isEqualTo(silentThenHeard.device());
        }
    }

    /**
     * An earlier release kept these stores in RocksDB, and its global checkpoint file names their topics at the
     * offsets it had reached. A persistent store is restored from such an offset on (with the store switched back to
     * RocksDB and its files gone, this test fails); an in-memory one must not be, or the first start after the
     * upgrade would skip everything before it. Kafka Streams 4.4 restores it from the start of the topic.
     */
    @Test
    void shouldFindEverythingOnTheFirstStartAfterAnUpgradeFromStoresOnDisk() throws IOException {
        String bootstrap = KafkaFixture.bootstrapServers(StreamsTopics.ALL);
        send(bootstrap, StreamsTopics.DEVICE_STATUS, silentThenHeard, status(silentThenHeard, true));
        send(bootstrap, Topics.DEVICE_ADDRESSES, address,
                new DeviceAddress(DeviceAddress.VERSION, address, silentThenHeard.device()));
        String applicationId = "tunnelwatch-it-" + UUID.randomUUID();
        Path global = stateDirs.resolve("upgraded").resolve(applicationId).resolve("global");
        Files.createDirectories(global.resolve("rocksdb").resolve(TunnelwatchTopology.DEVICE_STATUS_STORE));
        Files.createDirectories(global.resolve("rocksdb").resolve(TunnelwatchTopology.DEVICE_ADDRESS_STORE));
        Files.writeString(global.resolve(".checkpoint"), checkpointAtTheEnd(bootstrap,
                StreamsTopics.DEVICE_STATUS.name(), Topics.DEVICE_ADDRESSES.name()));

        try (AppOnBroker app = AppOnBroker.start(bootstrap, stateDirs.resolve("upgraded"), applicationId, Map.of(),
                DetectorSettings.defaults())) {
            assertThat(statuses(app).get(silentThenHeard)).isEqualTo(status(silentThenHeard, true));
            assertThat(addresses(app).get(address).device()).isEqualTo(silentThenHeard.device());
        }
    }

    /** Kafka Streams' checkpoint file (version 0, a count, then one {@code topic partition offset} a line). */
    private static String checkpointAtTheEnd(String bootstrap, String... topics) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            StringBuilder file = new StringBuilder("0\n").append(ends.size()).append('\n');
            ends.forEach((tp, offset) -> file.append(tp.topic()).append(' ').append(tp.partition()).append(' ')
                    .append(offset).append('\n'));
            return file.toString();
        }
    }

    private static ReadOnlyKeyValueStore<PeerKey, DeviceStatus> statuses(AppOnBroker app) {
        return app.store(TunnelwatchTopology.DEVICE_STATUS_STORE);
    }

    private static ReadOnlyKeyValueStore<String, DeviceAddress> addresses(AppOnBroker app) {
        return app.store(TunnelwatchTopology.DEVICE_ADDRESS_STORE);
    }

    private static DeviceStatus status(PeerKey device, boolean silent) {
        Instant since = Instant.parse("2026-12-06T06:00:00Z");
        return silent ? new DeviceStatus(DeviceStatus.VERSION, device.device(), true, since, "alert-" + device)
                : new DeviceStatus(DeviceStatus.VERSION, device.device(), false, null, null);
    }

    private static <K, V> void send(String bootstrap, Topic<K, V> topic, K key, V value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                    topic.valueSerde().serializer().serialize(topic.name(), value)));
            producer.flush();
        }
    }
}
