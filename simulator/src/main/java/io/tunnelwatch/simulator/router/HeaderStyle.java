package io.tunnelwatch.simulator.router;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The IOS/IOS-XE syslog header variants a router can be configured to send
 * (docs/cisco-sources.md#ios-syslog-header-formats), one per
 * simulated router so a fleet mixes them the way a real one does:
 * {@code <PRI>COUNTER: [ORIGIN-ID: ][SEQNO: ][*|.]TIMESTAMP: %FAC-SEV-MNEM: text}.
 */
public enum HeaderStyle {
    /** Factory default without NTP: {@code <189>12: *Nov 26 10:00:01.123: }. */
    UNSYNCED_MSEC,
    /** NTP, year and zone, origin-id and sequence numbers: {@code <189>12: rtr: 8: Nov 26 2026 10:00:01.123 UTC: }. */
    FULL,
    /** {@code no logging message-counter syslog}: {@code <189>: Nov 26 2026 10:00:01.123: }. */
    NO_COUNTER,
    /** {@code service timestamps log uptime}, with origin-id and sequence: {@code <189>12: rtr: 8: 2y10w: }. */
    UPTIME,
    /** No space before the mnemonic after a zone: {@code <189>12: Nov 26 10:00:01 KST:}. */
    ZONE_NO_SPACE;

    private static final DateTimeFormatter MSEC = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter YEAR_MSEC =
            DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);

    /** Whether routers of this style send {@code service sequence-numbers}. */
    public boolean sendsSequenceNumbers() {
        return this == FULL || this == UPTIME;
    }

    /**
     * Writes the header up to and including the separator before {@code %}.
     *
     * @param uptimeSeconds the router's uptime, for uptime stamps
     */
    public void append(StringBuilder out, int pri, long counter, String hostname, long sequence,
                       ZonedDateTime now, long uptimeSeconds) {
        out.append('<').append(pri).append('>');
        ZonedDateTime utc = now.withZoneSameInstant(ZoneOffset.UTC);
        switch (this) {
            case UNSYNCED_MSEC -> out.append(counter).append(": *").append(MSEC.format(utc)).append(": ");
            case FULL -> out.append(counter).append(": ").append(hostname).append(": ").append(sequence)
                    .append(": ").append(YEAR_MSEC.format(utc)).append(" UTC: ");
            case NO_COUNTER -> out.append(": ").append(YEAR_MSEC.format(utc)).append(": ");
            case UPTIME -> out.append(counter).append(": ").append(hostname).append(": ").append(sequence)
                    .append(": ").append(uptime(uptimeSeconds)).append(": ");
            case ZONE_NO_SPACE -> out.append(counter).append(": ").append(SECONDS.format(utc)).append(" UTC:");
            default -> throw new IllegalStateException("unknown style " + this);
        }
    }

    /** IOS uptime stamps: {@code hh:mm:ss} the first day, then {@code NdNh}, {@code NwNd}, {@code NyNw}. */
    static String uptime(long seconds) {
        long days = seconds / 86_400;
        if (days == 0) {
            return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
        if (days < 7) {
            return days + "d" + (seconds % 86_400) / 3600 + "h";
        }
        if (days < 365) {
            return days / 7 + "w" + days % 7 + "d";
        }
        return days / 365 + "y" + (days % 365) / 7 + "w";
    }
}
