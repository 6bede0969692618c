package io.tunnelwatch.benchmarks;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What {@code tunnelwatch.alerts} held at the end of a soak, read as a downstream consumer would
 * ({@code read_committed}, from the beginning): per alert id, how often it was opened and resolved.
 *
 * @param opened     alert ids opened
 * @param leftOpen   ids opened and never resolved, as {@code device peer alert}
 * @param doubled    ids opened or resolved more than once
 * @param unreadable records that did not parse
 */
record SoakAlerts(int opened, List<String> leftOpen, List<String> doubled, int unreadable) {

    /** The alerts of the devices {@code judged} accepts; the others are read past. */
    static SoakAlerts read(String bootstrapServers, Predicate<String> judged) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, int[]> transitions = new HashMap<>(); // id -> {opened, resolved}
        Map<String, String> names = new HashMap<>();
        int unreadable = 0;
        // bytes first, so that a record that does not parse is counted rather than stopping the read
        Deserializer<AlertRecord> alerts = StreamsTopics.ALERTS.valueSerde().deserializer();
        try (KafkaConsumer<PeerKey, byte[]> consumer = new KafkaConsumer<>(c,
                StreamsTopics.ALERTS.keySerde().deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(StreamsTopics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<PeerKey, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    AlertRecord alert;
                    try {
                        alert = alerts.deserialize(r.topic(), r.value());
                    } catch (SerializationException e) {
                        unreadable++;
                        continue;
                    }
                    if (!judged.test(alert.device())) {
                        continue;
                    }
                    int[] counts = transitions.computeIfAbsent(alert.id(), id -> new int[2]);
                    names.putIfAbsent(alert.id(), alert.device() + " " + alert.peer() + " " + alert.alert());
                    if (alert.action() == AlertRecord.Action.OPENED) {
                        counts[0]++;
                    } else if (alert.action() == AlertRecord.Action.RESOLVED) {
                        counts[1]++;
                    }
                }
            }
        }
        List<String> leftOpen = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        int opened = 0;
        for (Map.Entry<String, int[]> e : transitions.entrySet()) {
            int[] counts = e.getValue();
            opened += counts[0] > 0 ? 1 : 0;
            if (counts[0] > 0 && counts[1] == 0) {
                leftOpen.add(names.get(e.getKey()));
            }
            if (counts[0] > 1 || counts[1] > 1) {
                doubled.add(names.get(e.getKey()));
            }
        }
        return new SoakAlerts(opened, leftOpen.stream().sorted().toList(), doubled.stream().sorted().toList(),
                unreadable);
    }
}
