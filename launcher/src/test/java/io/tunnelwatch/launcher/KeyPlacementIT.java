package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.kafka.QueuedKafkaWriter;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The collector's publisher picks each record's partition itself; every key must still land where Kafka's own
 * partitioner puts it (what the streams app's co-partitioned topics and any other producer rely on). Both write the
 * same keys to twin 7-partition topics on a real broker, and each key's partition is compared.
 */
class KeyPlacementIT {

    private static final int PARTITIONS = 7;
    private static final int RECORDS = 4_000;

    @Test
    void shouldPlaceEveryKeyOnThePartitionKafkasOwnPartitionerPicks() throws Exception {
        String bootstrap = KafkaFixture.bootstrapServers();
        String ours = "key-placement-collector";
        String kafkas = "key-placement-default";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(ours, PARTITIONS, (short) 1),
                    new NewTopic(kafkas, PARTITIONS, (short) 1))).all().get();
            // writing before every partition has its leader makes the broker refuse the first batches
            // (NOT_LEADER_OR_FOLLOWER, then out-of-order sequences for the idempotent producers). The metadata
            // names a leader a moment before that broker acts as one; a log end offset is only told by the leader.
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : List.of(ours, kafkas)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.listOffsets(ends).all().get().size() == ends.size());
        }
        // records draw their key arrays from a pool, so one array comes back as the collector's busy tunnels do
        // (the publisher remembers a partition by array identity) and many keys are seen once
        SplittableRandom random = new SplittableRandom(17);
        byte[][] pool = new byte[2_000][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new PeerKey("rtr-" + random.nextInt(50), "10.0." + random.nextInt(256) + "."
                    + random.nextInt(256)).utf8();
        }
        byte[][] keys = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            keys[i] = pool[random.nextInt(pool.length)];
        }

        var writer = new QueuedKafkaWriter<>(ours, new KafkaProducer<>(producerConfig(bootstrap)), 8192,
                new SimpleMeterRegistry());
        try (var plain = new KafkaProducer<byte[], byte[]>(producerConfig(bootstrap))) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
                // offered as the event loop does (the queue holds them all)
                assertThat(writer.offer(keys[i], value, System.currentTimeMillis())).isEqualTo(PublishOutcome.QUEUED);
                plain.send(new ProducerRecord<>(kafkas, keys[i], value));
            }
        } finally {
            writer.close();
        }

        Map<String, Integer> placedByUs = partitionsByKey(bootstrap, ours);
        Map<String, Integer> placedByKafka = partitionsByKey(bootstrap, kafkas);
        assertThat(placedByUs.keySet()).hasSizeGreaterThan(1_000).isEqualTo(placedByKafka.keySet());
        List<String> misplaced = placedByKafka.keySet().stream()
                .filter(key -> !placedByKafka.get(key).equals(placedByUs.get(key))).toList();
        assertThat(misplaced.size()).as("keys on another partition than Kafka's, e.g. %s",
                misplaced.stream().limit(5).toList()).isZero();
        assertThat(placedByUs.values()).containsOnly(0, 1, 2, 3, 4, 5, 6);
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    /** Each key's partition, read back from the topic; a key seen on two partitions fails the test. */
    private static Map<String, Integer> partitionsByKey(String bootstrap, String topic) {
        Map<String, Integer> placed = new HashMap<>();
        int[] records = {0};
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "key-placement-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).alias("all " + RECORDS + " records of " + topic).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records[0]++;
                    Integer before = placed.put(new String(r.key(), StandardCharsets.UTF_8), r.partition());
                    assertThat(before).as("key %s", new String(r.key(), StandardCharsets.UTF_8))
                            .isIn(null, r.partition());
                }
                return records[0] == RECORDS;
            });
        }
        return placed;
    }
}
