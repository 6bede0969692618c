package io.tunnelwatch.events.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (UTC, fraction of 0, 3, 6 or 9 digits), with
 * the date-and-time part formatted once per second: events arrive by the hundred thousand per second and
 * {@code Instant.toString} was a measurable share of writing one. Not thread-safe; one per writer thread.
 */
public final class IsoInstantWriter {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final int PREFIX = 19;

    private final char[] buffer = new char[PREFIX + 11];
    private long cachedSecond = Long.MIN_VALUE;
    private boolean cacheable;

    /** Writes the text of {@code instant} as a quoted JSON member {@code name}; null as {@code null}. */
    public void write(JsonByteWriter out, JsonByteWriter.Name name, Instant instant) {
        if (instant == null) {
            out.nullMember(name);
            return;
        }
        int len = format(instant);
        if (len < 0) {
            out.string(name, instant.toString());
        } else {
            out.rawAscii(name, buffer, len);
        }
    }

    /** Formats into {@link #buffer}; the length, or -1 for an instant {@code Instant.toString} must print. */
    private int format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second != cachedSecond) {
            String prefix = SECONDS.format(instant);
            // Years beyond 9999 or before 0 print differently; leave those to Instant.toString.
            cacheable = prefix.length() == PREFIX && instant.getEpochSecond() >= 0;
            prefix.getChars(0, Math.min(prefix.length(), PREFIX), buffer, 0);
            cachedSecond = second;
        }
        if (!cacheable) {
            return -1;
        }
        int len = PREFIX;
        int nanos = instant.getNano();
        if (nanos != 0) {
            buffer[len++] = '.';
            int digits;
            int value;
            if (nanos % 1_000_000 == 0) {
                digits = 3;
                value = nanos / 1_000_000;
            } else if (nanos % 1_000 == 0) {
                digits = 6;
                value = nanos / 1_000;
            } else {
                digits = 9;
                value = nanos;
            }
            for (int i = len + digits - 1; i >= len; i--) {
                buffer[i] = (char) ('0' + value % 10);
                value /= 10;
            }
            len += digits;
        }
        buffer[len++] = 'Z';
        return len;
    }
}
