package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.concurrent.QueueDrainer;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.sink.PublishOutcome;
import java.time.Duration;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to one Kafka topic from one publishing thread, fed through a bounded queue, into the collector's
 * one producer (shared by every topic's writer; records arrive here already serialized, by the thread that offers
 * them).
 *
 * <p>Network threads (Netty event loops, SNMP callbacks) only {@link #offer} and never wait:
 * {@code KafkaProducer.send} can block (metadata, full buffer) and must not stall a socket. A full queue is the
 * signal of Kafka falling behind: the caller drops with a counter (UDP, raw copies, samples) or stops reading
 * (TCP, {@link #hasRoom}). {@link #close} drains the queue into the producer and flushes it, so nothing accepted is
 * lost on a clean shutdown; the producer is the collector's to close, after its last writer. Every topic gets its
 * published/failed counters and queue gauges, tagged {@code topic}.
 *
 * <p>The queue is JCTools' lock-free multi-producer, single-consumer array queue: an offer is one atomic increment
 * and a store, where {@code ArrayBlockingQueue} took a lock on both sides and signalled its condition on every offer
 * (docs/performance.md#why-the-hot-path-looks-as-it-does). Its capacity is the requested one rounded up to a
 * power of two. The producer places each record with Kafka's own partitioner (an explicit partition computed here
 * measured slower: docs/performance.md#one-producer-and-kafkas-own-partitioner).
 */
public final class QueuedKafkaWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedKafkaWriter.class);
    private static final int DRAIN_BATCH = 512;
    private static final Duration MAX_IDLE_NAP = Duration.ofMillis(5);

    /** Queue depth above which stream transports pause reading; see {@link #hasRoom}. */
    static final int STREAM_HIGH_WATER = 4096;

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final MpscArrayQueue<ProducerRecord<byte[], byte[]>> queue;
    private final int streamHighWater;
    private final int droppableLimit;
    private final QueueDrainer<ProducerRecord<byte[], byte[]>> drainer;
    private final Counter published;
    private final Counter sendErrors;
    private final Counter deliveryFailures;
    private final Callback callback;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public QueuedKafkaWriter(String topic, Producer<byte[], byte[]> producer, int capacity, MeterRegistry registry) {
        this.topic = topic;
        this.producer = producer;
        this.queue = new MpscArrayQueue<>(Math.max(2, capacity));
        this.streamHighWater = Math.min(STREAM_HIGH_WATER, queue.capacity() - queue.capacity() / 4);
        this.droppableLimit = queue.capacity() - queue.capacity() / 4;
        this.published = Counter.builder(CollectorMeters.KAFKA_PUBLISHED.meterName())
                .description(CollectorMeters.KAFKA_PUBLISHED.description())
                .tag("topic", topic).register(registry);
        this.sendErrors = failedCounter(registry, "send_error");
        this.deliveryFailures = failedCounter(registry, "delivery_failed");
        Gauge.builder(CollectorMeters.PUBLISH_QUEUE_DEPTH.meterName(), queue, MpscArrayQueue::size)
                .description(CollectorMeters.PUBLISH_QUEUE_DEPTH.description()).tag("topic", topic)
                .register(registry);
        Gauge.builder(CollectorMeters.PUBLISH_QUEUE_CAPACITY.meterName(), queue, MpscArrayQueue::capacity)
                .description(CollectorMeters.PUBLISH_QUEUE_CAPACITY.description()).tag("topic", topic)
                .register(registry);
        this.callback = (metadata, exception) -> {
            if (exception == null) {
                published.increment();
            } else {
                failed(deliveryFailures, "delivery_failed", exception);
            }
        };
        // The producer thread drains the queue into KafkaProducer.send, napping when idle (see QueueDrainer).
        this.drainer = new QueueDrainer<>("tunnelwatch-publisher-" + topic, queue, this::send, () -> { },
                DRAIN_BATCH, MAX_IDLE_NAP);
    }

    /** Hands a record over without blocking; the producer picks its partition from the key. */
    public PublishOutcome offer(byte[] key, byte[] value, long timestampMillis) {
        if (drainer.closing()) {
            return PublishOutcome.CLOSED;
        }
        return queue.offer(new ProducerRecord<>(topic, null, timestampMillis, key, value))
                ? PublishOutcome.QUEUED : PublishOutcome.QUEUE_FULL;
    }

    /**
     * False when stream transports should pause reading: the queue holds more than {@link #STREAM_HIGH_WATER}
     * records (or three quarters of a smaller capacity). TCP senders are held back long before the queue is full, so
     * the room above stays for UDP bursts, which cannot be paused; and a short queue keeps an event in the CPU cache
     * between the event loop that parsed it and the producer thread that writes it: with the queue kept near 49,000
     * records the collector spent much of its CPU on cache misses reading events back
     * (docs/performance.md#why-the-hot-path-looks-as-it-does).
     */
    public boolean hasRoom() {
        return queue.size() < streamHighWater;
    }

    /**
     * False when a record that may be dropped (a UDP datagram's event) should be: the queue is three quarters full.
     * The top quarter is the stream transports' reserve: a TCP or TLS connection paused by {@link #hasRoom} still
     * hands over the lines of the reads already under way, and those were accepted from a sender that will not send
     * them again.
     */
    public boolean hasRoomForDroppable() {
        return queue.size() < droppableLimit;
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record, callback);
        } catch (KafkaException e) {
            failed(sendErrors, "send_error", e);
        }
    }

    private Counter failedCounter(MeterRegistry registry, String reason) {
        return Counter.builder(CollectorMeters.KAFKA_FAILED.meterName())
                .description(CollectorMeters.KAFKA_FAILED.description())
                .tags("topic", topic, "reason", reason).register(registry);
    }

    private void failed(Counter counter, String reason, Exception e) {
        counter.increment();
        rateLimitedLog.warn(reason, "Kafka did not take a record for {}: {}", topic, e.toString());
    }

    /**
     * Stops taking records, drains the queue into the producer and flushes it (the producer stays open: it is shared,
     * and its owner closes it after the last writer).
     */
    @Override
    public void close() {
        drainer.close();
        producer.flush();
        LOG.info("Publisher for {} drained and flushed ({} left unsent)", topic, queue.size());
    }
}
