package io.tunnelwatch.collector.syslog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Counts the messages one router sent but the collector never received, from the numbers IOS puts in front of each
 * message with {@code service sequence-numbers} (docs/cisco-sources.md#ios-syslog-header-formats). Pure: no clock of
 * its own, no meters.
 *
 * <p>UDP may reorder and duplicate, so a missing number is first a pending <em>gap</em>; it becomes <em>lost</em>
 * only once it is older than the settle time, or {@code window} higher numbers have arrived, and stops being a gap if
 * it turns up late. Duplicates count nothing. A number more than {@code window} below the highest seen means the
 * router restarted its numbering (reload, or a wrap of the counter): pending gaps are counted lost (they will never
 * come) and the numbering starts over from there; numbers below the first one after a restart are not counted.
 * A forward jump larger than {@code maxGap} is read as the same kind of restart, not as a huge loss.
 *
 * <p>Bounded: at most {@link #MAX_GAPS} pending gaps (beyond that the oldest is counted lost at once). Thread-safe;
 * each call holds this tracker's lock for a few comparisons, and each device has its own tracker.
 */
public final class SequenceGapTracker {

    /** How many numbers below the highest still count as reordering rather than a restart. */
    public static final int DEFAULT_WINDOW = 64;
    /** How long a missing number may still arrive late. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    /** The largest forward jump still taken as loss. */
    public static final long DEFAULT_MAX_GAP = 100_000;
    static final int MAX_GAPS = 64;

    private final long window;
    private final long settleNanos;
    private final long maxGap;
    private final ArrayDeque<Gap> gaps = new ArrayDeque<>();
    private long highest = -1;
    private long lost;
    private long resets;

    public SequenceGapTracker() {
        this(DEFAULT_WINDOW, DEFAULT_SETTLE, DEFAULT_MAX_GAP);
    }

    public SequenceGapTracker(int window, Duration settle, long maxGap) {
        if (window < 1 || maxGap < 1 || settle.isNegative()) {
            throw new IllegalArgumentException("window and maxGap must be positive, settle not negative");
        }
        this.window = window;
        this.settleNanos = settle.toNanos();
        this.maxGap = maxGap;
    }

    /**
     * Takes the sequence number of one received message.
     *
     * @param sequence  the {@code service sequence-numbers} number, 0 or more
     * @param nowNanos  a monotonic time ({@link System#nanoTime()})
     * @return the total of messages counted lost so far, this one included
     */
    public synchronized long observe(long sequence, long nowNanos) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        if (highest < 0) {
            highest = sequence;
        } else if (sequence > highest) {
            advance(sequence, nowNanos);
        } else if (sequence < highest && !fillGap(sequence) && sequence < highest - window) {
            restart(sequence);
        }
        settle(nowNanos);
        return lost;
    }

    /** The total counted lost, after confirming the gaps that are now too old to be filled. */
    public synchronized long lost(long nowNanos) {
        settle(nowNanos);
        return lost;
    }

    /** How often the numbering restarted (reloads, wraps). */
    public synchronized long restarts() {
        return resets;
    }

    /** Numbers missing but not yet counted lost, since they may still arrive. */
    public synchronized long pending() {
        long n = 0;
        for (Gap g : gaps) {
            n += g.to - g.from + 1;
        }
        return n;
    }

    private void advance(long sequence, long nowNanos) {
        long missing = sequence - highest - 1;
        if (missing > maxGap) {
            restart(sequence);
            return;
        }
        if (missing > 0) {
            if (gaps.size() == MAX_GAPS) {
                Gap oldest = gaps.removeFirst();
                lost += oldest.to - oldest.from + 1;
            }
            gaps.addLast(new Gap(highest + 1, sequence - 1, nowNanos));
        }
        highest = sequence;
    }

    /** A late arrival: takes the number out of its gap. False when no gap holds it (a duplicate, or a restart). */
    private boolean fillGap(long sequence) {
        Iterator<Gap> it = gaps.iterator();
        while (it.hasNext()) {
            Gap g = it.next();
            if (sequence < g.from || sequence > g.to) {
                continue;
            }
            if (g.from == g.to) {
                it.remove();
            } else if (sequence == g.from) {
                g.from++;
            } else if (sequence == g.to) {
                g.to--;
            } else {
                // Split in two; the bound may let the deque grow by one, which the next advance evens out.
                Gap upper = new Gap(sequence + 1, g.to, g.openedAt);
                g.to = sequence - 1;
                insertAfter(g, upper);
            }
            return true;
        }
        return false;
    }

    private void insertAfter(Gap existing, Gap added) {
        ArrayDeque<Gap> copy = new ArrayDeque<>(gaps.size() + 1);
        for (Gap g : gaps) {
            copy.addLast(g);
            if (g == existing) {
                copy.addLast(added);
            }
        }
        gaps.clear();
        gaps.addAll(copy);
    }

    private void restart(long sequence) {
        for (Gap g : gaps) {
            lost += g.to - g.from + 1;
        }
        gaps.clear();
        highest = sequence;
        resets++;
    }

    private void settle(long nowNanos) {
        Iterator<Gap> it = gaps.iterator();
        while (it.hasNext()) {
            Gap g = it.next();
            if (nowNanos - g.openedAt >= settleNanos || g.to <= highest - window) {
                lost += g.to - g.from + 1;
                it.remove();
            }
        }
    }

    /** Missing numbers {@code from..to}, first noticed at {@code openedAt}. */
    private static final class Gap {
        long from;
        long to;
        final long openedAt;

        Gap(long from, long to, long openedAt) {
            this.from = from;
            this.to = to;
            this.openedAt = openedAt;
        }
    }
}
