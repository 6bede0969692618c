package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.sink.RawLineSink;
import io.tunnelwatch.collector.spool.Spool;
import io.tunnelwatch.events.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Copies raw syslog lines to {@code tunnelwatch.syslog.raw}, keyed by device. Best effort: a full queue drops the
 * copy (counted by the caller) and never holds back reading. Non-blocking; see {@link QueuedKafkaWriter}.
 */
public final class RawLinePublisher implements RawLineSink, AutoCloseable {

    private final QueuedKafkaWriter writer;
    private final Serializer<String> keys = Topics.SYSLOG_RAW.keySerde().serializer();
    private final Serializer<String> values = Topics.SYSLOG_RAW.valueSerde().serializer();

    /** @param producer the collector's producer of already serialized keys and values (byte-array serializers) */
    public RawLinePublisher(Producer<byte[], byte[]> producer, int queueCapacity, MeterRegistry registry) {
        this(producer, queueCapacity, registry, null);
    }

    /** @param spool the collector's on-disk spool, or null for none */
    public RawLinePublisher(Producer<byte[], byte[]> producer, int queueCapacity, MeterRegistry registry, Spool spool) {
        this.writer = new QueuedKafkaWriter(Topics.SYSLOG_RAW.name(), producer, queueCapacity, registry, spool);
    }

    @Override
    public PublishOutcome offer(String key, String line) {
        String topic = Topics.SYSLOG_RAW.name();
        return writer.offer(keys.serialize(topic, key), values.serialize(topic, line), System.currentTimeMillis());
    }

    @Override
    public void close() {
        writer.close();
    }
}
