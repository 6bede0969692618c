package io.tunnelwatch.collector.concurrent;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;

/**
 * One daemon thread that empties a multi-producer queue into a consumer, in batches, until closed; then it empties
 * what is left and ends. The hand-off between the collector's network threads and the threads that do the slow work
 * (the Kafka producer, a UDP socket's parsing).
 *
 * <p>When the queue is empty the thread sleeps in short, growing naps instead of waiting on a condition: a waiting
 * consumer makes every offer wake it (a futex call on the event loop: costly under load, figures in
 * docs/performance.md#why-the-hot-path-looks-as-it-does); with naps an offer
 * never signals anyone. An element waits at most one nap longer, and an idle collector wakes a few hundred times a
 * second.
 */
public final class QueueDrainer<T> implements AutoCloseable {

    private static final long MIN_IDLE_NAP_NANOS = 50_000;

    private final MessagePassingQueue<T> queue;
    private final Consumer<T> consumer;
    private final Runnable afterBatch;
    private final int batch;
    private final long maxNapNanos;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Starts the thread.
     *
     * @param afterBatch run on the thread after each non-empty batch (e.g. to release the batch's accounting)
     * @param maxNap     the longest nap when idle
     */
    public QueueDrainer(String threadName, MessagePassingQueue<T> queue, Consumer<T> consumer, Runnable afterBatch,
                        int batch, Duration maxNap) {
        this.queue = queue;
        this.consumer = consumer;
        this.afterBatch = afterBatch;
        this.batch = batch;
        this.maxNapNanos = maxNap.toNanos();
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** True once {@link #close} has begun: producers should stop offering. */
    public boolean closing() {
        return closing;
    }

    private void run() {
        long nap = MIN_IDLE_NAP_NANOS;
        while (!closing || !queue.isEmpty()) {
            if (queue.drain(consumer::accept, batch) > 0) {
                afterBatch.run();
                nap = MIN_IDLE_NAP_NANOS;
                continue;
            }
            LockSupport.parkNanos(nap);
            nap = Math.min(nap * 2, maxNapNanos);
            if (Thread.interrupted()) {
                return;
            }
        }
    }

    /** Stops taking work and waits (10 s at most) until what was queued has been consumed. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
