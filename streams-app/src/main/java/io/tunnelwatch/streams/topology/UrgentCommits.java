package io.tunnelwatch.streams.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams for a commit soon after a processor forwarded a record that someone waits for: an alert, a
 * report on its way to the far end of a tunnel, a device's silence or its end. Under exactly-once such a record is
 * visible to {@code read_committed} readers, the app's own next hop among them, only once the transaction that wrote
 * it commits. The app commits every second (StreamsSettings), so that a peer that changes several times a second
 * reaches its store and changelog once; these records do not wait for that.
 *
 * <p>Requests are paced: Kafka commits all of a stream thread's tasks together, so a thread asks at most once per
 * {@link #PACE}. A record forwarded within a pace is covered by the next request of any processor of the thread;
 * if none comes, a one-off tick of its own asks half a pace later, so such a record waits at most about 1.5 paces.
 * The tick is scheduled only while something is owed: every punctuation that fires makes Kafka Streams halve the
 * number of records it processes per task between its checks (docs/performance.md#urgent-commits).
 *
 * <p>One per processor instance; Kafka Streams calls a processor, and its punctuations, from its stream thread.
 */
final class UrgentCommits {

    static final Duration PACE = Duration.ofMillis(100);
    private static final long PACE_MS = PACE.toMillis();

    /** The commit requests of one stream thread. */
    private static final class ThreadRequests {
        long lastAt = Long.MIN_VALUE / 2;
        long count;
    }

    private static final ThreadLocal<ThreadRequests> OF_THREAD = ThreadLocal.withInitial(ThreadRequests::new);

    private final ProcessorContext<?, ?> context;
    private final ThreadRequests requests;
    /** The thread's request count when this processor first forwarded a record not yet asked for; -1: none owed. */
    private long owedSince = -1;
    private Cancellable tick;

    /** Call from the processor's {@code init}, which runs on the stream thread that will run the processor. */
    UrgentCommits(ProcessorContext<?, ?> context) {
        this.context = context;
        this.requests = OF_THREAD.get();
    }

    /** The processor forwarded a record someone waits for. */
    void forwarded() {
        if (!owed()) {
            owedSince = requests.count;
        }
        long now = context.currentSystemTimeMs();
        if (now - requests.lastAt >= PACE_MS) {
            ask(now);
        } else if (tick == null) {
            tick = context.schedule(PACE.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, this::tick);
        }
    }

    /** Whether a record of this processor still waits for a request (another processor's request covers it). */
    private boolean owed() {
        return owedSince >= 0 && requests.count == owedSince;
    }

    private void tick(long wallClockMillis) {
        if (!owed()) {
            stopTicking();
        } else if (wallClockMillis - requests.lastAt >= PACE_MS) {
            ask(wallClockMillis);
        }
    }

    /**
     * Asks through this processor's own context: Kafka acts on a request only from a task with something to commit,
     * and the task that forwarded the record has.
     */
    private void ask(long now) {
        context.commit();
        requests.lastAt = now;
        requests.count++;
        owedSince = -1;
        stopTicking();
    }

    private void stopTicking() {
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
    }

    /** From the processor's {@code close}. */
    void close() {
        stopTicking();
    }
}
