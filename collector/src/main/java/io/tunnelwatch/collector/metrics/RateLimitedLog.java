package io.tunnelwatch.collector.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one line per reason per interval, with how many were suppressed since the last one, so a flood of
 * bad input shows in the log without drowning it. The counters carry the exact numbers.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, java.time.Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Warns about {@code reason} unless it was logged less than an interval ago. */
    public void warn(String reason, String format, Object... args) {
        log(false, reason, format, args);
    }

    /** Tells of {@code reason} at info level unless it was logged less than an interval ago. */
    public void info(String reason, String format, Object... args) {
        log(true, reason, format, args);
    }

    private void log(boolean info, String reason, String format, Object... args) {
        Window w = windows.computeIfAbsent(reason, r -> new Window());
        long now = System.nanoTime();
        long last = w.lastLogged.get();
        if (last != 0 && now - last < intervalNanos) {
            w.suppressed.incrementAndGet();
            return;
        }
        if (!w.lastLogged.compareAndSet(last, now == 0 ? 1 : now)) {
            w.suppressed.incrementAndGet();
            return;
        }
        long suppressed = w.suppressed.getAndSet(0);
        String line = suppressed > 0 ? "[{}] " + format + " ({} more like it since the last report)"
                : "[{}] " + format;
        Object[] all = suppressed > 0 ? append(append(new Object[] {reason}, args), suppressed)
                : append(new Object[] {reason}, args);
        if (info) {
            log.info(line, all);
        } else {
            log.warn(line, all);
        }
    }

    private static Object[] append(Object[] head, Object... tail) {
        Object[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
    }
}
