package io.tunnelwatch.events.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values, so a name never travels without them.
 *
 * @param compacted whether the topic keeps only the latest value per key (cleanup.policy=compact)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
