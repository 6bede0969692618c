package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.syslog.RawLineSink;
import io.tunnelwatch.events.Topics;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies raw syslog lines to {@code tunnelwatch.syslog.raw}, keyed by device, the way {@link EventPublisher} writes
 * events: event loops only {@link #offer} into a bounded queue, one thread calls the producer (whose {@code send}
 * may block), and {@link #close} drains and flushes. A sibling rather than a mode of EventPublisher because the
 * records differ in type; raw copies are best effort and never hold back reading (no backpressure).
 */
public final class RawLinePublisher implements RawLineSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RawLinePublisher.class);

    private record Line(String key, String value, long receivedAt) {
    }

    private final Producer<String, String> producer;
    private final BlockingQueue<Line> queue;
    private final Thread thread;
    private final Counter published;
    private final Counter failed;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private volatile boolean closing;

    public RawLinePublisher(Producer<String, String> producer, int queueCapacity, MeterRegistry registry) {
        this.producer = producer;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.published = Counter.builder(CollectorMeters.KAFKA_PUBLISHED.meterName())
                .description(CollectorMeters.KAFKA_PUBLISHED.description())
                .tag("topic", Topics.SYSLOG_RAW.name()).register(registry);
        this.failed = Counter.builder(CollectorMeters.KAFKA_FAILED.meterName())
                .description(CollectorMeters.KAFKA_FAILED.description())
                .tags("topic", Topics.SYSLOG_RAW.name(), "reason", "send_error").register(registry);
        this.thread = new Thread(this::run, "tunnelwatch-raw-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public PublishOutcome offer(String key, String line) {
        if (closing) {
            return PublishOutcome.CLOSED;
        }
        return queue.offer(new Line(key, line, System.currentTimeMillis())) ? PublishOutcome.QUEUED
                : PublishOutcome.QUEUE_FULL;
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            try {
                Line line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    send(line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(Line line) {
        try {
            producer.send(new ProducerRecord<>(Topics.SYSLOG_RAW.name(), null, line.receivedAt(), line.key(),
                    line.value()), (metadata, exception) -> {
                        if (exception == null) {
                            published.increment();
                        } else {
                            fail(exception);
                        }
                    });
        } catch (KafkaException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failed.increment();
        rateLimitedLog.warn("raw_failed", "Kafka did not take a raw syslog line: {}", e.toString());
    }

    /** Stops taking lines, drains the queue into the producer, flushes and closes it. */
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
    }
}
