package io.tunnelwatch.collector.spool;

import io.tunnelwatch.collector.metrics.RateLimitedLog;
import java.time.Duration;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, record by record, whether a record goes straight to Kafka or to the on-disk spool, and replays the spool
 * when Kafka answers again: a disk-assisted queue in the manner of rsyslog's, with Vector's rule that a record is
 * done only when acknowledged. Used by one thread (the publisher's); only the {@link Delivery} outcomes arrive from
 * others.
 *
 * <ul>
 *   <li>{@link Mode#DIRECT}: each record is sent and kept (referenced, in send order) until Kafka settles it: no disk
 *   on the way. When the oldest unsettled record has waited longer than the stall timeout, a send fails, or the
 *   in-flight bound is reached while the queue before it is at its high-water mark, the sender turns to
 *   {@link Mode#SPOOLING} and first copies every unsettled record to the spool, in order.</li>
 *   <li>{@link Mode#SPOOLING}: records go to the spool. A copied record that Kafka acknowledges after all is noted and
 *   not replayed while this process lives (after a crash it is: see below). Once nothing sent is left unsettled, the
 *   sender replays.</li>
 *   <li>{@link Mode#REPLAYING}: new records still go to the spool, behind the old; the spool is read in order and sent,
 *   one record until Kafka has acknowledged one, then a window of them, and the acknowledged position advances over
 *   what Kafka took. A replayed record that fails sends the sender back to spooling, and the replay starts again from
 *   the acknowledged position after a back-off (doubling, up to a minute). When the reader has caught up and all is
 *   settled, the spool is empty and the sender is direct again: per topic, records reach Kafka in the order they
 *   came.</li>
 * </ul>
 *
 * <p>What a crash ({@code kill -9}) can repeat: the records Kafka acknowledged between their copy to the spool and the
 * crash (at most the records unsettled at the switch, at most the in-flight bound), and the replayed records
 * acknowledged since the position was last persisted (at most one replay window). What it can lose: records not yet
 * in the spool, that is the publish queue and the records sent directly that Kafka had not acknowledged, as long as
 * no switch had copied them; a switch copies them when the broker has been silent for the stall timeout.
 *
 * <p>Without a spool ({@code log} null) every record is sent straight away and nothing is kept.
 */
public final class SpoolingSender {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingSender.class);
    private static final long MAX_BACKOFF_NANOS = Duration.ofMinutes(1).toNanos();

    /** Where records go now. */
    public enum Mode { DIRECT, SPOOLING, REPLAYING }

    /** Hands a record to Kafka; its {@link Delivery} is told of the outcome, on any thread, at once or later. */
    @FunctionalInterface
    public interface Downstream {
        void send(Delivery delivery);
    }

    /**
     * @param stallTimeout how long the oldest unsettled record may wait before the sender spools
     * @param maxInFlight  records sent and not yet settled, at most (rounded up to a power of two)
     * @param replayWindow replayed records unsettled at a time, and how many acknowledgements make a persisted
     *                     position
     */
    public record Settings(Duration stallTimeout, int maxInFlight, int replayWindow) {

        public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(2);

        public static Settings defaults() {
            return new Settings(DEFAULT_STALL_TIMEOUT, 32_768, 2_048);
        }

        public Settings withStallTimeout(Duration timeout) {
            return new Settings(timeout, maxInFlight, replayWindow);
        }
    }

    private final String topic;
    private final SegmentLog log;
    private final Downstream downstream;
    private final SpoolMeters meters;
    private final long stallNanos;
    private final int replayWindow;
    /** Records sent and not yet settled, in send order, with what the sender knows of each by slot. */
    private final Delivery[] ring;
    /** When the slot's record was handed to Kafka ({@link System#nanoTime}). */
    private final long[] sentAt;
    /** Where the spool holds a copy of the slot's record, or -1. */
    private final long[] spoolPosition;
    /** For a record replayed from the spool: the position after it, to acknowledge once delivered; else -1. */
    private final long[] spoolNext;
    /** A replayed record found already delivered, settled without a send. */
    private final boolean[] skipped;
    private final int mask;
    private long head;
    private long tail;
    private volatile Mode mode = Mode.DIRECT;
    private volatile boolean full;
    /** A record the full spool refused; it goes first when there is room. */
    private Delivery held;
    /** Spool positions of copied records Kafka acknowledged after all: not to be replayed. */
    private final TreeSet<Long> delivered = new TreeSet<>();
    private long retryAt;
    private long backoff;
    private boolean replayConfirmed;
    private long replayOutstanding;
    private long replayAcknowledged;
    private int unpersisted;
    private long episodeStart;
    private long episodeSpooled;
    private long episodeReplayed;
    /** Records appended and not yet flushed: counted spooled once flushed. */
    private long unflushed;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    /**
     * @param log the spool, or null for none; a spool left non-empty by an earlier run is replayed before anything
     *            new goes direct
     * @param meters the spool's meters; null without a spool
     */
    public SpoolingSender(String topic, SegmentLog log, Downstream downstream, SpoolMeters meters, Settings settings) {
        this.topic = topic;
        this.log = log;
        this.downstream = downstream;
        this.meters = meters;
        this.stallNanos = settings.stallTimeout().toNanos();
        this.replayWindow = settings.replayWindow();
        int slots = log == null ? 1 : Integer.highestOneBit(Math.max(2, settings.maxInFlight()) * 2 - 1);
        this.ring = new Delivery[slots];
        this.sentAt = new long[slots];
        this.spoolPosition = new long[slots];
        this.spoolNext = new long[slots];
        this.skipped = new boolean[slots];
        this.mask = slots - 1;
        this.backoff = stallNanos;
        if (log != null && !log.isEmpty()) {
            LOG.info("The spool of {} holds {} bytes from an earlier run: replaying them before new records go to"
                    + " Kafka", topic, log.bytes());
            episodeStart = -1;
            startReplay();
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Bytes in this topic's spool (0 without one). */
    public long spoolBytes() {
        return log == null ? 0 : log.bytes();
    }

    /** True while the spool refuses records for want of room. */
    public boolean spoolFull() {
        return full;
    }

    /** Whether {@link #take} may be called now; false holds records back in the queue before this sender. */
    public boolean canTake() {
        if (held != null) {
            return false;
        }
        return mode != Mode.DIRECT || log == null || head - tail < ring.length;
    }

    /** Takes the next record: sends it, or spools it. */
    public void take(Delivery d, long now) {
        if (mode == Mode.DIRECT) {
            if (log == null) {
                downstream.send(d);
                return;
            }
            put(d, now, -1, -1);
            downstream.send(d);
            if (d.state() == Delivery.FAILED) {
                // Refused at once (no room in the producer within its max.block.ms): the next would wait as long.
                startSpooling(now, "Kafka did not take a record");
            }
        } else {
            spool(d);
        }
    }

    /**
     * Settles what Kafka answered, switches modes, replays. Call often (after each batch taken, and when idle).
     *
     * @param queueHigh whether the queue before this sender is at its high-water mark
     * @return whether it replayed anything (more work may be waiting)
     */
    public boolean tick(long now, boolean queueHigh) {
        if (log == null) {
            return false;
        }
        if (episodeStart == -1) {
            episodeStart = now;
        }
        settle(now);
        if (held != null && append(held) >= 0) {
            held = null;
            full = false;
            spooled(1);
        }
        switch (mode) {
            case DIRECT -> {
                if (tail < head && now - sentAt[(int) (tail & mask)] > stallNanos) {
                    startSpooling(now, "no acknowledgement for " + Duration.ofNanos(stallNanos).toMillis() + " ms");
                } else if (queueHigh && head - tail == ring.length) {
                    startSpooling(now, "in-flight bound reached with the queue at its high-water mark");
                }
                return false;
            }
            case SPOOLING -> {
                if (tail == head && now - retryAt >= 0) {
                    startReplay();
                }
                return false;
            }
            default -> {
                return replay(now);
            }
        }
    }

    /** Hands what was spooled in this batch to the operating system, and only then counts it spooled. */
    public void endBatch() {
        if (unflushed > 0) {
            log.flush();
            episodeSpooled += unflushed;
            meters.spooled(unflushed);
            unflushed = 0;
        }
    }

    private void put(Delivery d, long now, long position, long next) {
        int slot = (int) (head++ & mask);
        ring[slot] = d;
        sentAt[slot] = now;
        spoolPosition[slot] = position;
        spoolNext[slot] = next;
        skipped[slot] = false;
    }

    private void settle(long now) {
        while (tail < head) {
            int slot = (int) (tail & mask);
            Delivery d = ring[slot];
            int state = d.state();
            if (state == Delivery.PENDING) {
                return;
            }
            if (state == Delivery.FAILED && mode == Mode.DIRECT) {
                startSpooling(now, "Kafka did not take a record");
            }
            ring[slot] = null;
            tail++;
            if (mode != Mode.DIRECT) {
                settled(d, slot, state, now);
            }
        }
    }

    private void settled(Delivery d, int slot, int state, long now) {
        boolean replayed = spoolNext[slot] >= 0;
        if (replayed) {
            replayOutstanding--;
        }
        if (state == Delivery.ACKNOWLEDGED) {
            if (replayed && !skipped[slot]) {
                meters.replayed();
                episodeReplayed++;
                replayConfirmed = true;
            }
            if (replayed && mode == Mode.REPLAYING) {
                replayAcknowledged = spoolNext[slot];
                unpersisted++;
            } else if (spoolPosition[slot] >= 0) {
                delivered.add(spoolPosition[slot]);
            }
            return;
        }
        if (spoolPosition[slot] < 0) {
            // Sent directly, not copied at the switch (the spool was full then): now or never.
            spool(d);
        }
        if (mode == Mode.REPLAYING) {
            retryAt = now + backoff;
            rateLimitedLog.warn("spool_replay_failed", "Kafka did not take a record replayed from the spool of {};"
                    + " replaying again in {} ms", topic, Duration.ofNanos(backoff).toMillis());
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            persist();
            mode = Mode.SPOOLING;
        }
    }

    private void startSpooling(long now, String why) {
        mode = Mode.SPOOLING;
        episodeStart = now;
        episodeSpooled = 0;
        episodeReplayed = 0;
        retryAt = now;
        long copied = 0;
        for (long i = tail; i < head; i++) {
            int slot = (int) (i & mask);
            if (ring[slot].state() != Delivery.ACKNOWLEDGED && spoolPosition[slot] < 0) {
                long at = append(ring[slot]);
                if (at < 0) {
                    full = true;
                    break;
                }
                spoolPosition[slot] = at;
                copied++;
            }
        }
        spooled(copied);
        endBatch();
        rateLimitedLog.warn("spool_start", "Kafka is not taking records of {} ({}): they go to the spool now; {} the"
                + " producer held unacknowledged were copied there", topic, why, copied);
    }

    private void startReplay() {
        mode = Mode.REPLAYING;
        log.rewind();
        replayAcknowledged = log.acknowledged();
        replayConfirmed = false;
        unpersisted = 0;
    }

    private boolean replay(long now) {
        boolean worked = false;
        boolean caughtUp = false;
        long window = replayConfirmed ? replayWindow : 1;
        while (replayOutstanding < window && head - tail < ring.length) {
            SpoolEntry e = log.next();
            if (e == null) {
                caughtUp = true;
                break;
            }
            Delivery d = new RecordDelivery(e.record());
            put(d, now, e.position(), e.next());
            replayOutstanding++;
            worked = true;
            if (delivered.contains(e.position())) {
                skipped[(int) ((head - 1) & mask)] = true;
                d.acknowledged();
            } else {
                downstream.send(d);
            }
        }
        settle(now);
        if (mode != Mode.REPLAYING) {
            return worked;
        }
        // Persisted every window, and whenever a whole segment is delivered: deleting it makes room in a full spool.
        if (unpersisted >= replayWindow
                || SegmentLog.segmentOf(replayAcknowledged) > SegmentLog.segmentOf(log.acknowledged())) {
            persist();
        }
        if (caughtUp && tail == head && held == null) {
            log.acknowledge(log.readPosition());
            if (log.isEmpty()) {
                finishReplay(now);
            }
        }
        return worked;
    }

    private void persist() {
        if (replayAcknowledged > log.acknowledged()) {
            log.acknowledge(replayAcknowledged);
            delivered.headSet(replayAcknowledged).clear();
        }
        unpersisted = 0;
    }

    private void finishReplay(long now) {
        mode = Mode.DIRECT;
        delivered.clear();
        backoff = stallNanos;
        rateLimitedLog.info("spool_end", "Kafka takes records of {} again: the spool is replayed and empty ({} records"
                + " spooled and {} replayed in {} s); records go straight to Kafka", topic, episodeSpooled,
                episodeReplayed, Duration.ofNanos(now - episodeStart).toSeconds());
    }

    private void spool(Delivery d) {
        long at = append(d);
        if (at < 0) {
            if (held == null) {
                held = d;
            } else {
                meters.dropped(SpoolMeters.DropReason.SPOOL_FULL);
            }
            full = true;
            return;
        }
        full = false;
        spooled(1);
    }

    private long append(Delivery d) {
        return log.append(d.topic(), d.key(), d.value(), d.timestampMillis());
    }

    private void spooled(long records) {
        unflushed += records;
    }

    /** At shutdown, when records cannot be taken for the in-flight bound: from now on they go to the spool. */
    public void shutdown(long now) {
        if (log != null && mode == Mode.DIRECT && tail < head) {
            startSpooling(now, "shutting down");
        }
    }

    /**
     * At shutdown, after the last {@link #take}: whatever Kafka has not acknowledged by now goes to the spool (the
     * records sent directly are copied, the held one appended or counted lost), and the spool is closed.
     */
    public void close(long now) {
        if (log == null) {
            return;
        }
        settle(now);
        if (mode == Mode.DIRECT && tail < head) {
            startSpooling(now, "shutting down");
        }
        if (held != null && append(held) < 0) {
            meters.dropped(SpoolMeters.DropReason.SPOOL_FULL);
        }
        held = null;
        endBatch();
        persist();
        log.close();
    }

    /** Settles what Kafka has answered, and nothing more (no replay): the shutdown's wait. */
    public long settleInFlight(long now) {
        if (log != null) {
            settle(now);
        }
        return head - tail;
    }
}
