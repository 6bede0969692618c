package io.tunnelwatch.collector.parse;

import static io.tunnelwatch.collector.parse.SyslogChars.digitsAt;
import static io.tunnelwatch.collector.parse.SyslogChars.isBlank;
import static io.tunnelwatch.collector.parse.SyslogChars.isDigit;
import static io.tunnelwatch.collector.parse.SyslogChars.isLetter;
import static io.tunnelwatch.collector.parse.SyslogChars.skipBlanks;
import static io.tunnelwatch.collector.parse.SyslogChars.skipDigits;

/**
 * The router's timestamp in a Cisco header (docs/cisco-sources.md#ios-syslog-header-formats), without its sync mark, in
 * one of the forms
 * {@code service timestamps log} writes:
 * <ul>
 *   <li>{@code datetime}: {@code MMM dd [yyyy] HH:mm:ss[.fff] [ZONE[+hh[:mm]]]}, the zone possibly glued to the
 *       seconds ({@code 11:39:59KST}), e.g. {@code Jan  6 2022 20:52:12.861 UTC+07:30};</li>
 *   <li>{@code uptime}, long: {@code 2y10w}, {@code 42w2d}, {@code 1d02h};</li>
 *   <li>{@code uptime}, short: {@code 00:00:46[.fff]}.</li>
 * </ul>
 * Every optional part is taken when present (the longest reading wins), as the header reader expects at most one
 * token after the stamp.
 */
final class RouterTime {

    private static final int MAX_FRACTION_DIGITS = 6;
    private static final int MAX_ZONE_LETTERS = 5;

    private RouterTime() {
    }

    /** The end of a timestamp starting at {@code i} in {@code s[..end)}, or -1. */
    static int end(String s, int i, int end) {
        if (i >= end) {
            return -1;
        }
        if (isLetter(s.charAt(i))) {
            return dateTimeEnd(s, i, end);
        }
        int digits = skipDigits(s, i, end);
        if (digits == i) {
            return -1;
        }
        return digits < end && s.charAt(digits) == ':' ? clockEnd(s, i, end) : longUptimeEnd(s, i, digits, end);
    }

    /** {@code MMM dd [yyyy] HH:mm:ss[.fff][ ZONE[+hh[:mm]]]}. */
    private static int dateTimeEnd(String s, int i, int end) {
        if (i + 3 > end || !isLetter(s.charAt(i + 1)) || !isLetter(s.charAt(i + 2))) {
            return -1;
        }
        int day = blanksThenDigits(s, i + 3, 2, end);
        if (day < 0) {
            return -1;
        }
        int year = skipBlanks(s, day, end);
        if (year > day && digitsAt(s, year, 4, end) && year + 4 < end && isBlank(s.charAt(year + 4))) {
            day = year + 4;
        }
        int clock = skipBlanks(s, day, end);
        if (clock == day) {
            return -1;
        }
        int seconds = clockEnd(s, clock, end);
        return seconds < 0 ? -1 : zoneEnd(s, seconds, end);
    }

    /** One or more blanks, then 1 to {@code maxDigits} digits not followed by another: the end, or -1. */
    private static int blanksThenDigits(String s, int i, int maxDigits, int end) {
        int digits = skipBlanks(s, i, end);
        if (digits == i) {
            return -1;
        }
        int digitsEnd = skipDigits(s, digits, end);
        return digitsEnd > digits && digitsEnd - digits <= maxDigits ? digitsEnd : -1;
    }

    /** {@code H[H]:mm:ss[.f{1,6}]} at {@code i}: the end, or -1. */
    private static int clockEnd(String s, int i, int end) {
        int hour = skipDigits(s, i, Math.min(end, i + 2));
        if (hour == i || hour + 6 > end || s.charAt(hour) != ':' || !digitsAt(s, hour + 1, 2, end)
                || s.charAt(hour + 3) != ':' || !digitsAt(s, hour + 4, 2, end)) {
            return -1;
        }
        int seconds = hour + 6;
        if (seconds + 1 < end && s.charAt(seconds) == '.' && isDigit(s.charAt(seconds + 1))) {
            return skipDigits(s, seconds + 1, Math.min(end, seconds + 1 + MAX_FRACTION_DIGITS));
        }
        return seconds;
    }

    /** An optional zone after the seconds: one optional blank, 2-5 letters, an optional {@code +hh[:mm]}. */
    private static int zoneEnd(String s, int i, int end) {
        int letters = i < end && isBlank(s.charAt(i)) ? i + 1 : i;
        int lettersEnd = letters;
        while (lettersEnd < end && lettersEnd - letters < MAX_ZONE_LETTERS && isLetter(s.charAt(lettersEnd))) {
            lettersEnd++;
        }
        if (lettersEnd - letters < 2) {
            return i;
        }
        if (lettersEnd + 1 >= end || (s.charAt(lettersEnd) != '+' && s.charAt(lettersEnd) != '-')
                || !isDigit(s.charAt(lettersEnd + 1))) {
            return lettersEnd;
        }
        int hours = skipDigits(s, lettersEnd + 1, Math.min(end, lettersEnd + 3));
        boolean minutes = hours + 2 < end && s.charAt(hours) == ':' && digitsAt(s, hours + 1, 2, end);
        return minutes ? hours + 3 : hours;
    }

    /** {@code \d+[ywdh]\d+[wdhm]}, the first digits ending at {@code digits}: the end, or -1. */
    private static int longUptimeEnd(String s, int i, int digits, int end) {
        if (digits >= end || "ywdh".indexOf(s.charAt(digits)) < 0) {
            return -1;
        }
        int second = skipDigits(s, digits + 1, end);
        if (second == digits + 1 || second >= end || "wdhm".indexOf(s.charAt(second)) < 0) {
            return -1;
        }
        return second + 1;
    }
}
