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
 * Writes records to one Kafka topic from one producer thread, fed through a bounded queue.
 *
 * <p>Network threads (Netty event loops, SNMP callbacks) only {@link #offer} and never wait:
 * {@code KafkaProducer.send} can block (metadata, full buffer) and must not stall a socket. A full queue is the
 * signal of Kafka falling behind: the caller drops with a counter (UDP, raw copies, samples) or stops reading
 * (TCP, {@link #hasRoom}). {@link #close} drains the queue into the producer and flushes it, so nothing accepted is
 * lost on a clean shutdown. Every topic gets its published/failed counters and queue gauges, tagged {@code topic}.
 *
 * <p>The queue is JCTools' lock-free multi-producer, single-consumer array queue: an offer is one atomic increment
 * and a store, where {@code ArrayBlockingQueue} took a lock on both sides and signalled its condition on every offer
 * (4–5% of a busy event loop, async-profiler, docs/performance.md). Its capacity is the requested one rounded up to a
 * power of two. Callers may give a record the partition Kafka's own partitioner would give it ({@link KeyPartitions}).
 */
public final class QueuedKafkaWriter<K, V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedKafkaWriter.class);
    private static final int DRAIN_BATCH = 512;
    private static final Duration MAX_IDLE_NAP = Duration.ofMillis(5);

    /** Queue depth above which stream transports pause reading; see {@link #hasRoom}. */
    static final int STREAM_HIGH_WATER = 4096;

    private final String topic;
    private final Producer<K, V> producer;
    private final MpscArrayQueue<ProducerRecord<K, V>> queue;
    private final int streamHighWater;
    private final int droppableLimit;
    private final QueueDrainer<ProducerRecord<K, V>> drainer;
    private final Counter published;
    private final Counter sendErrors;
    private final Counter deliveryFailures;
    private final Callback callback;
    private final KeyPartitions partitions;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public QueuedKafkaWriter(String topic, Producer<K, V> producer, int capacity, MeterRegistry registry) {
        this.topic = topic;
        this.producer = producer;
        this.partitions = new KeyPartitions(topic, producer);
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

    /** Hands a record over without blocking; the producer picks its partition. */
    public PublishOutcome offer(K key, V value, long timestampMillis) {
        return offer(null, key, value, timestampMillis);
    }

    /**
     * Hands a record over without blocking, to the given partition (null: the producer picks it). Callers that
     * compute partitions read the count from {@link #partitionCount}.
     */
    public PublishOutcome offer(Integer partition, K key, V value, long timestampMillis) {
        if (drainer.closing()) {
            return PublishOutcome.CLOSED;
        }
        return queue.offer(new ProducerRecord<>(topic, partition, timestampMillis, key, value))
                ? PublishOutcome.QUEUED : PublishOutcome.QUEUE_FULL;
    }

    /** The topic's partition count as the producer last knew it, 0 while unknown (see {@link KeyPartitions}). */
    int partitionCount() {
        return partitions.count();
    }

    /**
     * False when stream transports should pause reading: the queue holds more than {@link #STREAM_HIGH_WATER}
     * records (or three quarters of a smaller capacity). TCP senders are held back long before the queue is full, so
     * the room above stays for UDP bursts, which cannot be paused; and a short queue keeps an event in the CPU cache
     * between the event loop that parsed it and the producer thread that writes it: with the queue kept near 49,000
     * records the collector spent a tenth of its CPU on cache misses reading events back (JFR, docs/performance.md).
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

    private void send(ProducerRecord<K, V> record) {
        try {
            partitions.beforeSend();
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

    /** Stops taking records, drains the queue into the producer, flushes and closes it. */
    @Override
    public void close() {
        drainer.close();
        producer.flush();
        producer.close(Duration.ofSeconds(5));
        LOG.info("Publisher for {} flushed and closed ({} left unsent)", topic, queue.size());
    }
}
