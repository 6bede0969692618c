package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.sink.CounterSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import org.apache.kafka.clients.producer.Producer;

/**
 * Writes SNMP {@link CounterSample}s to {@code tunnelwatch.counters}, keyed {@code device|peer}, with the poll time
 * as the record time. Non-blocking; see {@link QueuedKafkaWriter}.
 */
public final class CounterPublisher implements CounterSink, AutoCloseable {

    private final QueuedKafkaWriter<PeerKey, CounterSample> writer;

    public CounterPublisher(Producer<PeerKey, CounterSample> producer, int queueCapacity, MeterRegistry registry) {
        this.writer = new QueuedKafkaWriter<>(Topics.COUNTERS.name(), producer, queueCapacity, registry);
    }

    @Override
    public boolean offer(CounterSample sample) {
        return writer.offer(sample.key(), sample, sample.polledAt().toEpochMilli()) == PublishOutcome.QUEUED;
    }

    @Override
    public void close() {
        writer.close();
    }
}
