package io.tunnelwatch.streams.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams for a commit soon after a processor forwarded a record that someone waits for: an alert, a
 * report on its way to the far end of a tunnel, a device's silence or its end. Under exactly-once such a record is
 * visible to {@code read_committed} readers, the app's own next hop among them, only once the transaction that wrote
 * it commits. The app commits every second (StreamsSettings), so that a peer that changes several times a second
 * reaches its store and changelog once; these records do not wait for that. Requests are paced: a stream thread asks
 * at most once per {@link #PACE} (Kafka commits all of a thread's tasks together), and a processor whose record fell
 * within a pace asks at its next tick, so such a record waits at most about 1.5 paces for its commit
 * (docs/performance.md#urgent-commits).
 *
 * <p>One per processor instance; Kafka Streams calls a processor from its stream thread only.
 */
final class UrgentCommits {

    static final Duration PACE = Duration.ofMillis(100);
    private static final long PACE_MS = PACE.toMillis();

    /** When this stream thread last asked for a commit. */
    private static final ThreadLocal<long[]> LAST_REQUEST = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});

    private final ProcessorContext<?, ?> context;
    private boolean owed;

    /** Call from the processor's {@code init}: schedules the tick that asks for a commit still owed. */
    UrgentCommits(ProcessorContext<?, ?> context) {
        this.context = context;
        context.schedule(PACE.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    /** The processor forwarded a record someone waits for. */
    void forwarded() {
        owed = true;
        askIfPaced(context.currentSystemTimeMs());
    }

    private void tick(long wallClockMillis) {
        if (owed) {
            askIfPaced(wallClockMillis);
        }
    }

    /**
     * Asks through this processor's own context: Kafka acts on a request only from a task with something to commit,
     * and the task that forwarded the record has.
     */
    private void askIfPaced(long now) {
        long[] last = LAST_REQUEST.get();
        if (now - last[0] >= PACE_MS) {
            context.commit();
            last[0] = now;
            owed = false;
        }
    }
}
