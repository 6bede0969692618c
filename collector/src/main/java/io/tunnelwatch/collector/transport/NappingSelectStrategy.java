package io.tunnelwatch.collector.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * How the event loops of the TCP and TLS connections wait: they nap before each look at their sockets, then take
 * what is ready without blocking, and block only when nothing was. A router sends a line at a time, and a loop that
 * looks again the moment it has read one reads each line with a system call of its own, and Linux answers each such
 * read with an ACK; napping lets a socket gather the lines of the nap, so one read takes them all
 * (docs/performance.md#the-connections-event-loops-nap). The first line after a quiet spell wakes the blocked loop
 * at once; a line that comes while it naps waits at most {@link #NAP}. Queued tasks (a registration, a read that
 * stopped at its limit with more to come, a resumed read) are never kept waiting by a nap, and neither is a
 * connection that sends flat out: a socket's receive window holds only so much, and a sender that fills it during a
 * nap waits for the next look, so after a round that read much from one connection ({@link BusyConnectionWatch})
 * the loop looks without napping for one nap's time.
 *
 * <p>Only for loops that read streams: a UDP socket's loop reads a bounded number of datagrams per look, so a nap
 * there would cap its rate; those loops keep Netty's own strategy ({@link NettyTransports}).
 */
final class NappingSelectStrategy implements SelectStrategy {

    static final Duration NAP = Duration.ofMillis(10);

    /** Whether a round of the loop running on this thread read much from a connection: set and read on the loop. */
    private static final ThreadLocal<boolean[]> BUSY_ROUND = ThreadLocal.withInitial(() -> new boolean[1]);

    private final long napNanos;
    private final LongConsumer napper;
    private final LongSupplier clock;
    private boolean lookingAtOnce;
    private long lookAtOnceUntil;

    NappingSelectStrategy() {
        this(NAP.toNanos(), LockSupport::parkNanos, System::nanoTime);
    }

    /**
     * With the nap given to {@code napper}, in nanoseconds, and the time read from {@code clock}, so a test can see
     * the naps without taking them.
     */
    NappingSelectStrategy(long napNanos, LongConsumer napper, LongSupplier clock) {
        this.napNanos = napNanos;
        this.napper = napper;
        this.clock = clock;
    }

    /** Called on a napping loop's thread after a round that read much from one connection. */
    static void busyRound() {
        BUSY_ROUND.get()[0] = true;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get();
        }
        long now = clock.getAsLong();
        boolean[] busy = BUSY_ROUND.get();
        if (busy[0]) {
            busy[0] = false;
            lookingAtOnce = true;
            lookAtOnceUntil = now + napNanos;
        }
        lookingAtOnce = lookingAtOnce && now - lookAtOnceUntil < 0;
        if (!lookingAtOnce) {
            napper.accept(napNanos);
        }
        int ready = selectNow.get();
        return ready > 0 ? ready : SELECT;
    }
}
