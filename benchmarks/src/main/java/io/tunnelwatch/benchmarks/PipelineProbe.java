package io.tunnelwatch.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a running pipeline from outside through the Admin API: the input topic's end offsets against the streams
 * app's committed offsets (its consumer group is its application id), and the sizes of the broker's logs.
 */
final class PipelineProbe implements AutoCloseable {

    /** Sums over the input topic's partitions; lag counts a partition the group has not committed yet in full. */
    record Sample(long end, long committed, long lag) {
    }

    private final Admin admin;
    private final String group;
    private final Set<TopicPartition> input;

    PipelineProbe(String bootstrap, String group, String inputTopic) throws ExecutionException, InterruptedException {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "tunnelwatch-load-harness"));
        this.group = group;
        this.input = admin.describeTopics(Set.of(inputTopic)).allTopicNames().get().get(inputTopic).partitions()
                .stream().map(p -> new TopicPartition(inputTopic, p.partition())).collect(Collectors.toSet());
    }

    Sample sample() throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> ends = admin.listOffsets(input.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long end = 0;
        long done = 0;
        long lag = 0;
        for (TopicPartition partition : input) {
            long partitionEnd = ends.get(partition);
            OffsetAndMetadata offset = committed.get(partition);
            long partitionDone = offset == null ? 0 : offset.offset();
            end += partitionEnd;
            done += partitionDone;
            lag += Math.max(0, partitionEnd - partitionDone);
        }
        return new Sample(end, done, lag);
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
        admin.close();
    }
}
