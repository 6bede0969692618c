package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.PeerKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The timers of one task's peers (or devices), in memory, ordered by due time, so a wall-clock punctuation touches
 * only the due ones instead of scanning every state (docs/architecture.md#topology-state-stores-and-timers). Each key
 * has at most one timer, and its due time is the {@code nextCheckAt} its state keeps: the caller passes the old one
 * when it moves, and a task rebuilds all of them from its restored states when it starts. Derived from the states
 * that way, the timers need no store of their own, so setting a timer costs no store write and no changelog record
 * (docs/performance.md#timers-in-memory).
 *
 * <p>Not thread-safe: one per processor instance, used by its stream thread only.
 */
public final class PeerTimers {

    private record Timer(long dueMillis, PeerKey key) {
    }

    private static final Comparator<Timer> ORDER = Comparator.comparingLong(Timer::dueMillis)
            .thenComparing(t -> t.key().device()).thenComparing(t -> t.key().peer());

    private final TreeSet<Timer> timers = new TreeSet<>(ORDER);

    /** Moves the key's timer from {@code previous} to {@code next}; either may be null (no timer). */
    public void reschedule(PeerKey key, Instant previous, Instant next) {
        if (previous != null && previous.equals(next)) {
            return;
        }
        if (previous != null) {
            timers.remove(new Timer(previous.toEpochMilli(), key));
        }
        if (next != null) {
            timers.add(new Timer(next.toEpochMilli(), key));
        }
    }

    /** Removes and returns the keys whose timer is due at or before {@code now}, earliest first. */
    public List<PeerKey> takeDue(Instant now) {
        long upTo = now.toEpochMilli();
        List<PeerKey> due = new ArrayList<>();
        while (!timers.isEmpty() && timers.first().dueMillis() <= upTo) {
            due.add(timers.pollFirst().key());
        }
        return due;
    }

    /** The number of timers set. */
    public int size() {
        return timers.size();
    }

    /** Forgets every timer (the task's states are gone with its partition). */
    public void clear() {
        timers.clear();
    }
}
