package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.syslog.EventSink;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.Topics;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link TunnelEvent}s to {@code tunnelwatch.events}, keyed {@code device|peer}, from one producer thread.
 *
 * <p>Netty event loops only {@link #offer} into a bounded queue and never wait: {@code KafkaProducer.send} can
 * block (metadata, full buffer) and must not stall a socket. A full queue is the signal of Kafka falling behind:
 * UDP drops with a counter, TCP stops reading ({@link #hasRoom}). On {@link #close} the queue is drained and the
 * producer flushed, so nothing accepted is lost on a clean shutdown.
 */
public final class EventPublisher implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final int DRAIN_BATCH = 512;

    private final Producer<PeerKey, TunnelEvent> producer;
    private final BlockingQueue<TunnelEvent> queue;
    private final int capacity;
    private final Thread thread;
    private final Counter published;
    private final Counter sendErrors;
    private final Counter deliveryFailures;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private volatile boolean closing;

    public EventPublisher(Producer<PeerKey, TunnelEvent> producer, int queueCapacity, MeterRegistry registry) {
        this.producer = producer;
        this.capacity = queueCapacity;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.sendErrors = failedCounter(registry, "send_error");
        this.deliveryFailures = failedCounter(registry, "delivery_failed");
        this.published = Counter.builder(CollectorMeters.KAFKA_PUBLISHED.meterName())
                .description(CollectorMeters.KAFKA_PUBLISHED.description())
                .tag("topic", Topics.EVENTS.name()).register(registry);
        Gauge.builder(CollectorMeters.PUBLISH_QUEUE_DEPTH.meterName(), queue, BlockingQueue::size)
                .description(CollectorMeters.PUBLISH_QUEUE_DEPTH.description()).register(registry);
        Gauge.builder(CollectorMeters.PUBLISH_QUEUE_CAPACITY.meterName(), () -> queueCapacity)
                .description(CollectorMeters.PUBLISH_QUEUE_CAPACITY.description()).register(registry);
        this.thread = new Thread(this::run, "tunnelwatch-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands an event over without blocking. */
    @Override
    public PublishOutcome offer(TunnelEvent event) {
        if (closing) {
            return PublishOutcome.CLOSED;
        }
        return queue.offer(event) ? PublishOutcome.QUEUED : PublishOutcome.QUEUE_FULL;
    }

    /** False when the queue is more than three quarters full: stream transports should pause reading. */
    @Override
    public boolean hasRoom() {
        return queue.size() < capacity - capacity / 4;
    }

    private void run() {
        List<TunnelEvent> batch = new ArrayList<>(DRAIN_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                TunnelEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, DRAIN_BATCH - 1);
                for (TunnelEvent event : batch) {
                    send(event);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(TunnelEvent event) {
        var record = new ProducerRecord<>(Topics.EVENTS.name(), null, event.receivedAt().toEpochMilli(),
                event.key(), event);
        try {
            producer.send(record, callback());
        } catch (KafkaException e) {
            failed(sendErrors, "send_error", e);
        }
    }

    private Callback callback() {
        return (metadata, exception) -> {
            if (exception == null) {
                published.increment();
            } else {
                failed(deliveryFailures, "delivery_failed", exception);
            }
        };
    }

    private static Counter failedCounter(MeterRegistry registry, String reason) {
        return Counter.builder(CollectorMeters.KAFKA_FAILED.meterName())
                .description(CollectorMeters.KAFKA_FAILED.description())
                .tags("topic", Topics.EVENTS.name(), "reason", reason).register(registry);
    }

    private void failed(Counter counter, String reason, Exception e) {
        counter.increment();
        rateLimitedLog.warn(reason, "Kafka did not take an event: {}", e.toString());
    }

    /** Stops taking events, drains the queue into the producer, flushes and closes it. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        producer.close(Duration.ofSeconds(5));
        LOG.info("Event publisher flushed and closed ({} left unsent)", queue.size());
    }
}
