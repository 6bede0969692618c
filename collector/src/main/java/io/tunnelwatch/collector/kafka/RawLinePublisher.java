package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.sink.RawLineSink;
import io.tunnelwatch.events.topic.Topics;
import org.apache.kafka.clients.producer.Producer;

/**
 * Copies raw syslog lines to {@code tunnelwatch.syslog.raw}, keyed by device. Best effort: a full queue drops the
 * copy (counted by the caller) and never holds back reading. Non-blocking; see {@link QueuedKafkaWriter}.
 */
public final class RawLinePublisher implements RawLineSink, AutoCloseable {

    private final QueuedKafkaWriter<String, String> writer;

    public RawLinePublisher(Producer<String, String> producer, int queueCapacity, MeterRegistry registry) {
        this.writer = new QueuedKafkaWriter<>(Topics.SYSLOG_RAW.name(), producer, queueCapacity, registry);
    }

    @Override
    public PublishOutcome offer(String key, String line) {
        return writer.offer(key, line, System.currentTimeMillis());
    }

    @Override
    public void close() {
        writer.close();
    }
}
