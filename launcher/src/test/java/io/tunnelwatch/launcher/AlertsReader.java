package io.tunnelwatch.launcher;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code tunnelwatch.alerts} as a downstream consumer reads it ({@code read_committed}, from the beginning): the
 * records of one device, so other tests' leftovers on the shared broker never count.
 */
final class AlertsReader implements AutoCloseable {

    private final String device;
    private final KafkaConsumer<PeerKey, AlertRecord> consumer;
    private final List<AlertRecord> alerts = new ArrayList<>();

    AlertsReader(String bootstrapServers, String device) {
        this.device = device;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, StreamsTopics.ALERTS.keySerde().deserializer(),
                StreamsTopics.ALERTS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(StreamsTopics.ALERTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every committed alert record of the device so far, in the order of each peer's partition. */
    List<AlertRecord> alerts() {
        consumer.poll(Duration.ofMillis(200)).forEach(this::keep);
        return List.copyOf(alerts);
    }

    /** Per peer, its alert records as {@code ACTION alert id}, e.g. {@code OPENED DecapsStalled 6f1c…}. */
    Map<String, List<String>> lifecycles() {
        return alerts().stream().collect(Collectors.groupingBy(AlertRecord::peer,
                Collectors.mapping(a -> a.action() + " " + a.alert() + " " + a.id(), Collectors.toList())));
    }

    private void keep(ConsumerRecord<PeerKey, AlertRecord> r) {
        if (r.key() != null && device.equals(r.key().device())) {
            alerts.add(r.value());
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
