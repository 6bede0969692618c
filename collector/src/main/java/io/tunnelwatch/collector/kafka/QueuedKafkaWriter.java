package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.spool.Delivery;
import io.tunnelwatch.collector.spool.Spool;
import io.tunnelwatch.collector.spool.SpoolingSender;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * <p>With a {@link Spool}, the publishing thread hands each record to a {@link SpoolingSender}: straight to the
 * producer while Kafka acknowledges, to the topic's on-disk spool when it stops, replayed in order when it answers
 * again (docs/reliability.md#broker-outage). A record then fails only when the spool is full, and is counted there;
 * {@link #close} leaves what Kafka has not acknowledged in the spool instead of waiting for it.
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
    /**
     * The nap after a batch that emptied the queue, and the shortest when idle: long enough that the next wake-up finds
     * a batch (about 30 records at 30,000 events/s, where a 50 µs nap woke the thread 3,700 times a second and half
     * of its CPU went to parking: docs/performance.md#the-publishers-nap), short against the producer's
     * {@link ProducerSettings#LINGER_MS} that the records wait in its batches anyway.
     */
    private static final long MIN_IDLE_NAP_NANOS = Duration.ofMillis(1).toNanos();
    private static final long MAX_IDLE_NAP_NANOS = Duration.ofMillis(5).toNanos();
    /** How long {@link #close} waits for the publishing thread, and then for Kafka's last acknowledgements. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(1);
    /** How long the thread waits after an error of the spool (a disk that refuses writes) before it tries again. */
    private static final long ERROR_NAP_NANOS = Duration.ofMillis(100).toNanos();

    /** Queue depth above which stream transports pause reading; see {@link #hasRoom}. */
    static final int STREAM_HIGH_WATER = 4096;

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final MpscArrayQueue<Delivery> queue;
    private final int streamHighWater;
    private final int droppableLimit;
    private final SpoolingSender sender;
    private final boolean spooling;
    private final Thread thread;
    private volatile boolean closing;
    private final Counter published;
    private final Counter sendErrors;
    private final Counter deliveryFailures;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public QueuedKafkaWriter(String topic, Producer<byte[], byte[]> producer, int capacity, MeterRegistry registry) {
        this(topic, producer, capacity, registry, null);
    }

    /** @param spool the collector's spool, or null for none */
    public QueuedKafkaWriter(String topic, Producer<byte[], byte[]> producer, int capacity, MeterRegistry registry,
                             Spool spool) {
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
        this.spooling = spool != null;
        this.sender = spooling ? spool.sender(topic, this::send, registry) : Spool.none(topic, this::send);
        // The publishing thread drains the queue into the sender, napping when idle (see QueueDrainer).
        this.thread = new Thread(this::run, "tunnelwatch-publisher-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands a record over without blocking; the producer picks its partition from the key. */
    public PublishOutcome offer(byte[] key, byte[] value, long timestampMillis) {
        if (closing) {
            return PublishOutcome.CLOSED;
        }
        return queue.offer(new Send(key, value, timestampMillis)) ? PublishOutcome.QUEUED : fullOutcome();
    }

    /** Why a record was not taken: the queue is full, and behind it the spool too when it has no room. */
    public PublishOutcome fullOutcome() {
        return sender.spoolFull() ? PublishOutcome.SPOOL_FULL : PublishOutcome.QUEUE_FULL;
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

    /** Where records go now (always direct without a spool). */
    public SpoolingSender.Mode mode() {
        return sender.mode();
    }

    /**
     * The publishing thread: settles, drains a batch, naps when the queue is empty: 1 ms after a batch, growing to 5 ms
     * while idle. An offer never wakes the thread (a futex call on the event loop, costly under load:
     * docs/performance.md#why-the-hot-path-looks-as-it-does).
     */
    private void run() {
        long nap = MIN_IDLE_NAP_NANOS;
        while (true) {
            long now = System.nanoTime();
            boolean worked;
            int taken = 0;
            try {
                worked = sender.tick(now, queue.size() >= streamHighWater);
                if (closing && !sender.canTake()) {
                    // Shutting down while Kafka holds the in-flight bound: what is left goes to the spool.
                    sender.shutdown(now);
                }
                while (taken < DRAIN_BATCH && sender.canTake()) {
                    Delivery d = queue.relaxedPoll();
                    if (d == null) {
                        break;
                    }
                    sender.take(d, now);
                    taken++;
                }
                sender.endBatch();
            } catch (RuntimeException e) {
                // The spool's disk refused (full, read-only, failing): said, and tried again; the queue holds on.
                rateLimitedLog.warn("spool_error", "The spool of {} failed: {}", topic, e.toString());
                LockSupport.parkNanos(ERROR_NAP_NANOS);
                worked = false;
            }
            if (closing && (queue.isEmpty() || taken == 0 && !sender.canTake())) {
                return;
            }
            if (taken == DRAIN_BATCH || worked) {
                // A backlog, or a replay under way: on at once.
                nap = MIN_IDLE_NAP_NANOS;
                continue;
            }
            if (taken > 0) {
                // The queue is empty now: let the next batch gather.
                nap = MIN_IDLE_NAP_NANOS;
                LockSupport.parkNanos(nap);
                continue;
            }
            LockSupport.parkNanos(nap);
            nap = Math.min(nap * 2, MAX_IDLE_NAP_NANOS);
        }
    }

    private void send(Delivery d) {
        try {
            if (d instanceof Send s) {
                producer.send(s, s);
            } else {
                producer.send(new ProducerRecord<>(topic, null, d.timestampMillis(), d.key(), d.value()),
                        (metadata, e) -> completed(d, e));
            }
        } catch (KafkaException e) {
            if (!spooling) {
                countFailure(sendErrors, "send_error", e);
            }
            d.failed();
        }
    }

    private void completed(Delivery d, Exception e) {
        if (e == null) {
            published.increment();
            if (spooling) {
                d.acknowledged();
            }
        } else {
            // With a spool the record is not lost: the sender spools it (or counts it when the spool is full).
            if (!spooling) {
                countFailure(deliveryFailures, "delivery_failed", e);
            }
            d.failed();
        }
    }

    private Counter failedCounter(MeterRegistry registry, String reason) {
        return Counter.builder(CollectorMeters.KAFKA_FAILED.meterName())
                .description(CollectorMeters.KAFKA_FAILED.description())
                .tags("topic", topic, "reason", reason).register(registry);
    }

    private void countFailure(Counter counter, String reason, Exception e) {
        counter.increment();
        rateLimitedLog.warn(reason, "Kafka did not take a record for {}: {}", topic, e.toString());
    }

    /**
     * Stops taking records and drains the queue into the producer. Without a spool it then flushes the producer;
     * with one it waits a little for Kafka's acknowledgements and leaves the rest in the spool, so that a shutdown
     * during an outage neither hangs nor loses. The producer stays open: it is shared, and its owner closes it after
     * the last writer.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Publisher for {} did not finish within {} s; {} record(s) left unsent", topic,
                    CLOSE_WAIT.toSeconds(), queue.size());
            return;
        }
        if (!spooling) {
            producer.flush();
            LOG.info("Publisher for {} drained and flushed ({} left unsent)", topic, queue.size());
            return;
        }
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (sender.settleInFlight(System.nanoTime()) > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(MAX_IDLE_NAP_NANOS);
        }
        sender.close(System.nanoTime());
        LOG.info("Publisher for {} drained ({} left unsent); the spool keeps {} bytes for the next start", topic,
                queue.size(), sender.spoolBytes());
    }

    /**
     * A record offered: the producer's record, the sender's delivery and the producer's callback in one object, so
     * that an offer allocates no more than the record.
     */
    private final class Send extends ProducerRecord<byte[], byte[]> implements Delivery, Callback {

        /** The outcome is stored with release semantics: a plain store on x86, no fence on the producer's thread. */
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Send.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile int state;

        Send(byte[] key, byte[] value, long timestamp) {
            super(topic, null, timestamp, key, value);
        }

        @Override
        public long timestampMillis() {
            return timestamp();
        }

        @Override
        public int state() {
            return state;
        }

        @Override
        public void acknowledged() {
            STATE.setRelease(this, ACKNOWLEDGED);
        }

        @Override
        public void failed() {
            STATE.setRelease(this, FAILED);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            completed(this, exception);
        }
    }
}
