package io.tunnelwatch.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches a running pipeline from outside through the Admin API: the input topic's end offsets against the streams
 * app's committed offsets (its consumer group is its application id), how long the oldest event not yet committed
 * has waited, and the sizes of the broker's logs.
 */
final class PipelineProbe implements AutoCloseable {

    /**
     * Sums over the input topic's partitions; lag counts a partition the group has not committed yet in full.
     *
     * @param lagMillis how long ago the collector received the oldest event not committed yet (its record time, the
     *                  receive time), 0 with no lag; -1 when that event could not be read in time
     */
    record Sample(long end, long committed, long lag, long lagMillis) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String group;
    private final Set<TopicPartition> input;
    private final String bootstrap;
    private KafkaConsumer<byte[], byte[]> reader;

    PipelineProbe(String bootstrap, String group, String inputTopic) throws ExecutionException, InterruptedException {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "tunnelwatch-load-harness"));
        this.group = group;
        this.bootstrap = bootstrap;
        this.input = admin.describeTopics(Set.of(inputTopic)).allTopicNames().get().get(inputTopic).partitions()
                .stream().map(p -> new TopicPartition(inputTopic, p.partition())).collect(Collectors.toSet());
    }

    Sample sample() throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> ends = admin.listOffsets(input.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long committedAt = System.currentTimeMillis();
        long end = 0;
        long done = 0;
        long lag = 0;
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition partition : input) {
            long partitionEnd = ends.get(partition);
            OffsetAndMetadata offset = committed.get(partition);
            long partitionDone = offset == null ? 0 : offset.offset();
            end += partitionEnd;
            done += partitionDone;
            lag += Math.max(0, partitionEnd - partitionDone);
            if (partitionEnd > partitionDone) {
                behind.put(partition, partitionDone);
            }
        }
        return new Sample(end, done, lag, behind.isEmpty() ? 0 : ageOfFirst(behind, committedAt));
    }

    /**
     * The age at {@code at} (when the committed offsets were read) of the oldest of the records at these offsets:
     * each partition's first record not committed, read back from the broker. A fetch returns whole batches, so this
     * reads a batch per partition behind.
     */
    private long ageOfFirst(Map<TopicPartition, Long> offsets, long at) {
        KafkaConsumer<byte[], byte[]> consumer = reader();
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
        Map<TopicPartition, Long> firstTimes = new HashMap<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (firstTimes.size() < offsets.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                firstTimes.putIfAbsent(tp, r.timestamp());
            }
            consumer.pause(firstTimes.keySet()); // records come only from the assigned partitions
        }
        consumer.resume(consumer.assignment());
        if (firstTimes.size() < offsets.size()) {
            return -1;
        }
        long oldest = firstTimes.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        return Math.max(0, at - oldest);
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.CLIENT_ID_CONFIG, "tunnelwatch-load-harness-age",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // One batch per partition (a fetch returns at least one), not 1 MiB of records to decompress
                    // five times a second: the harness shares the cores with what it measures.
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return reader;
    }

    /** Bytes in every partition log on every broker, as stored. */
    long brokerBytes() throws ExecutionException, InterruptedException {
        return logBytes(topic -> true);
    }

    long topicBytes(String topic) throws ExecutionException, InterruptedException {
        return logBytes(topic::equals);
    }

    private long logBytes(Predicate<String> topics) throws ExecutionException, InterruptedException {
        Collection<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        long bytes = 0;
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                bytes += dir.replicaInfos().entrySet().stream().filter(e -> topics.test(e.getKey().topic()))
                        .mapToLong(e -> e.getValue().size()).sum();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        admin.close();
    }
}
