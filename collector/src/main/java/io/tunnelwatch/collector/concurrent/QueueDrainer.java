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
 * <p>When the queue is empty the thread sleeps in naps instead of waiting on a condition: a waiting consumer makes
 * every offer wake it (a futex call on the event loop: costly under load, figures in
 * docs/performance.md#why-the-hot-path-looks-as-it-does); with naps an offer never signals anyone. After a batch that
 * emptied the queue the nap is {@link #GATHER_NAP_NANOS}, so that a steady trickle is taken a batch at a time rather
 * than an element a wake-up; with nothing to do the naps grow to the given longest. An element waits at most one nap
 * longer (docs/performance.md#the-publishers-nap).
 */
public final class QueueDrainer<T> implements AutoCloseable {

    /** The nap after a batch that emptied the queue, and the first of an idle spell. */
    private static final long GATHER_NAP_NANOS = Duration.ofMillis(1).toNanos();

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
        long nap = GATHER_NAP_NANOS;
        while (!closing || !queue.isEmpty()) {
            int drained = queue.drain(consumer::accept, batch);
            if (drained > 0) {
                afterBatch.run();
                nap = GATHER_NAP_NANOS;
                if (drained == batch || closing) {
                    // A backlog, or the last of it at close: on at once.
                    continue;
                }
            }
            LockSupport.parkNanos(nap);
            if (drained == 0) {
                nap = Math.min(nap * 2, maxNapNanos);
            }
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
