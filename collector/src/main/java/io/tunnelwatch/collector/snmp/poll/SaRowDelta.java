package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.CounterSample.Counters;
import java.time.Duration;

/**
 * The traffic one cipSecTunnelTable row carried between two walks; never negative.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A different cipSecTunIkeTunnelIndex or peer at the same cipSecTunIndex, or a cipSecTunActiveTime that went
 *       back, means the SA was replaced at a rekey: the row is treated as {@linkplain #fresh new}.</li>
 *   <li>A counter that went down is a Counter32 wrap when {@code 2^32 - previous + current} fits the rate limit over
 *       the elapsed time; otherwise (a Counter64, or too large a jump) the SA was replaced without the index
 *       telling, and the row is treated as new.</li>
 *   <li>A new row counts its full value: a new SA's counters start at 0 when the SA is created, so everything in
 *       them was carried since it appeared, i.e. since the previous walk. Two guards keep a mis-matched row from
 *       showing as a burst: its cipSecTunActiveTime must not be older than the previous walk, and each counter must
 *       fit the rate limit; otherwise it only becomes the baseline.</li>
 * </ol>
 * What a replaced SA carried between the previous walk and its deletion is not visible in SNMP: it is not counted.
 */
public final class SaRowDelta {

    static final long COUNTER32_MODULUS = 1L << 32;

    /** The delta of one row and how it was reached. */
    public record Result(Counters delta, RowOutcome outcome) {
    }

    private SaRowDelta() {
    }

    /** The delta of a row seen at both walks under the same cipSecTunIndex. */
    public static Result between(SaRow previous, SaRow current, Duration elapsed, CounterLimits limits) {
        boolean replaced = previous.ikeTunIndex() != current.ikeTunIndex()
                || !previous.peer().equals(current.peer())
                || (previous.hasActiveTime() && current.hasActiveTime()
                        && current.activeTime() < previous.activeTime());
        if (replaced) {
            return fresh(current, elapsed, limits);
        }
        if (previous.hcOctets() != current.hcOctets()) {
            // the agent switched between Counter32 and Counter64 columns: the values are not comparable this once
            return new Result(Counters.ZERO, RowOutcome.UNTRUSTED);
        }
        long[] before = CounterVector.of(previous.counters());
        long[] now = CounterVector.of(current.counters());
        long[] delta = new long[CounterVector.SIZE];
        boolean wrapped = false;
        for (int i = 0; i < CounterVector.SIZE; i++) {
            if (now[i] >= before[i]) {
                delta[i] = now[i] - before[i];
                continue;
            }
            boolean counter32 = !(CounterVector.isOctets(i) && current.hcOctets());
            long wrapDelta = COUNTER32_MODULUS - before[i] + now[i];
            if (!counter32 || wrapDelta > budget(i, elapsed, limits)) {
                return fresh(current, elapsed, limits);
            }
            delta[i] = wrapDelta;
            wrapped = true;
        }
        return new Result(CounterVector.counters(delta), wrapped ? RowOutcome.WRAPPED : RowOutcome.CONTINUED);
    }

    /** The delta of a row that was not there (or was another SA) at the previous walk, {@code elapsed} ago. */
    public static Result fresh(SaRow current, Duration elapsed, CounterLimits limits) {
        if (current.hasActiveTime()
                && Duration.ofMillis(current.activeTime() * 10).compareTo(elapsed.plus(limits.activeTimeSlack())) > 0) {
            return new Result(Counters.ZERO, RowOutcome.UNTRUSTED);
        }
        long[] now = CounterVector.of(current.counters());
        for (int i = 0; i < CounterVector.SIZE; i++) {
            if (now[i] > budget(i, elapsed, limits)) {
                return new Result(Counters.ZERO, RowOutcome.UNTRUSTED);
            }
        }
        return new Result(current.counters(), RowOutcome.NEW);
    }

    /** The most a counter of this column can grow in {@code elapsed} (at least one second's worth, saturating). */
    static long budget(int column, Duration elapsed, CounterLimits limits) {
        long perSecond = CounterVector.isOctets(column) ? limits.octetsPerSecond() : limits.packetsPerSecond();
        long millis = Math.max(1000, elapsed.toMillis());
        try {
            return Math.multiplyExact(perSecond, millis) / 1000;
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
