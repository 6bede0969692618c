package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.sink.CounterSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.spool.Spool;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes SNMP {@link CounterSample}s to {@code tunnelwatch.counters}, keyed {@code device|peer}, with the poll time
 * as the record time. Non-blocking; see {@link QueuedKafkaWriter}. Samples are serialized by the polling thread that
 * offers them (the topic's serializers may be shared across threads).
 */
public final class CounterPublisher implements CounterSink, AutoCloseable {

    private final QueuedKafkaWriter writer;
    private final Serializer<PeerKey> keys = Topics.COUNTERS.keySerde().serializer();
    private final Serializer<CounterSample> values = Topics.COUNTERS.valueSerde().serializer();

    /** @param producer the collector's producer of already serialized keys and values (byte-array serializers) */
    public CounterPublisher(Producer<byte[], byte[]> producer, int queueCapacity, MeterRegistry registry) {
        this(producer, queueCapacity, registry, null);
    }

    /** @param spool the collector's on-disk spool, or null for none */
    public CounterPublisher(Producer<byte[], byte[]> producer, int queueCapacity, MeterRegistry registry, Spool spool) {
        this.writer = new QueuedKafkaWriter(Topics.COUNTERS.name(), producer, queueCapacity, registry, spool);
    }

    @Override
    public boolean offer(CounterSample sample) {
        String topic = Topics.COUNTERS.name();
        return writer.offer(keys.serialize(topic, sample.key()), values.serialize(topic, sample),
                sample.polledAt().toEpochMilli()) == PublishOutcome.QUEUED;
    }

    @Override
    public void close() {
        writer.close();
    }
}
