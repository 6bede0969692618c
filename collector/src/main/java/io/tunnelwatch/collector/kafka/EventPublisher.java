package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.syslog.EventSink;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.Topics;
import io.tunnelwatch.events.TunnelEvent;
import org.apache.kafka.clients.producer.Producer;

/**
 * Writes {@link TunnelEvent}s (syslog and traps) to {@code tunnelwatch.events}, keyed {@code device|peer}, with the
 * collector's receive time as the record time. Non-blocking; see {@link QueuedKafkaWriter}.
 */
public final class EventPublisher implements EventSink, AutoCloseable {

    private final QueuedKafkaWriter<PeerKey, TunnelEvent> writer;

    public EventPublisher(Producer<PeerKey, TunnelEvent> producer, int queueCapacity, MeterRegistry registry) {
        this.writer = new QueuedKafkaWriter<>(Topics.EVENTS.name(), producer, queueCapacity, registry);
    }

    @Override
    public PublishOutcome offer(TunnelEvent event) {
        return writer.offer(event.key(), event, event.receivedAt().toEpochMilli());
    }

    @Override
    public boolean hasRoom() {
        return writer.hasRoom();
    }

    @Override
    public void close() {
        writer.close();
    }
}
