package io.tunnelwatch.collector.spool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The size cap the spools of all topics share: each log reserves the bytes of a record before writing it and gives
 * back the bytes of the segments it deletes. Thread-safe (each topic's log is written by its own thread).
 */
public final class DiskBudget {

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    public DiskBudget(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a spool needs a positive size cap, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long used() {
        return used.get();
    }

    /** Takes {@code bytes} of the budget, or nothing and false when they would take it past the cap. */
    boolean tryReserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    /** Counts bytes found on disk at start, even beyond the cap (a smaller cap than the last run's). */
    void claim(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }
}
