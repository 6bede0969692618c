package io.tunnelwatch.collector.parse;

import static io.tunnelwatch.collector.parse.SyslogChars.atEnd;
import static io.tunnelwatch.collector.parse.SyslogChars.digitsAt;
import static io.tunnelwatch.collector.parse.SyslogChars.isBlank;
import static io.tunnelwatch.collector.parse.SyslogChars.isDigit;
import static io.tunnelwatch.collector.parse.SyslogChars.isLetter;
import static io.tunnelwatch.collector.parse.SyslogChars.isUpper;
import static io.tunnelwatch.collector.parse.SyslogChars.isWord;
import static io.tunnelwatch.collector.parse.SyslogChars.skipDigits;
import static io.tunnelwatch.collector.parse.SyslogChars.tokenEnd;

/**
 * A header a relay (rsyslog, syslog-ng, util-linux logger) put in front of the router's own, read by hand: RFC 5424
 * ({@code 1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD}), RFC 3164 ({@code MMM dd HH:mm:ss HOSTNAME}) and rsyslog's
 * forward format ({@code RFC3339-STAMP HOSTNAME}). Each reader takes the header text {@code s[from..end)} and
 * returns null when it does not start with its form. Lines from a relay are the minority: a record per relayed
 * line is cheap enough.
 *
 * @param hostStart start of the relay's HOSTNAME
 * @param hostEnd   end of the HOSTNAME (exclusive)
 * @param end       where the router's part of the header starts
 */
record RelayHeader(int hostStart, int hostEnd, int end) {

    /** Elements and escape-separated runs per element of RFC 5424 structured data we read before giving up. */
    private static final int MAX_SD_ELEMENTS = 16;
    private static final int MAX_SD_RUNS = 64;

    /** The HOSTNAME, or null for the RFC 5424 nil value {@code -}. */
    String host(String s) {
        return hostEnd - hostStart == 1 && s.charAt(hostStart) == '-' ? null : s.substring(hostStart, hostEnd);
    }

    /** RFC 5424 after {@code <PRI>}: VERSION 1, then six space-separated fields ending with the structured data. */
    static RelayHeader rfc5424(String s, int from, int end) {
        if (from + 2 > end || s.charAt(from) != '1' || s.charAt(from + 1) != ' ') {
            return null;
        }
        int stamp = from + 2;
        int host = field(s, stamp, end);
        int appName = field(s, host, end);
        int procId = field(s, appName, end);
        int msgId = field(s, procId, end);
        int sd = field(s, msgId, end);
        if (sd < 0) {
            return null;
        }
        int sdEnd = structuredDataEnd(s, sd, end);
        if (sdEnd < 0) {
            return null;
        }
        if (sdEnd < end && s.charAt(sdEnd) == ' ') {
            return new RelayHeader(host, appName - 1, sdEnd + 1);
        }
        return atEnd(s, sdEnd, end) ? new RelayHeader(host, appName - 1, sdEnd) : null;
    }

    /**
     * RFC 3164: {@code MMM dd HH:mm:ss HOSTNAME }, then either a TAG ({@code logger --rfc3164} writes {@code root: })
     * in front of the router's own {@code <PRI>}, or straight the start of a Cisco header: a digit, {@code :},
     * {@code <}, a sync mark, or an origin-id followed by {@code ": "}.
     */
    static RelayHeader rfc3164(String s, int from, int end) {
        int i = from;
        if (i + 4 > end || !isUpper(s.charAt(i)) || !isLower(s.charAt(i + 1)) || !isLower(s.charAt(i + 2))
                || s.charAt(i + 3) != ' ') {
            return null;
        }
        i = dayEnd(s, i + 4, end);
        if (i < 0 || !clockAt(s, i, end) || i + 8 >= end || s.charAt(i + 8) != ' ') {
            return null;
        }
        int host = i + 9;
        int hostEnd = tokenEnd(s, host, end);
        if (hostEnd == host || hostEnd >= end || s.charAt(hostEnd) != ' ') {
            return null;
        }
        int after = tagEnd(s, hostEnd + 1, end);
        return ciscoHeaderStartsAt(s, after, end) ? new RelayHeader(host, hostEnd, after) : null;
    }

    /** rsyslog's forward format: {@code 2024-10-11T10:15:31.208321-05:00 HOSTNAME }, no VERSION. */
    static RelayHeader rfc3339(String s, int from, int end) {
        int i = from;
        if (!digitsAt(s, i, 4, end) || !charAt(s, i + 4, '-', end) || !digitsAt(s, i + 5, 2, end)
                || !charAt(s, i + 7, '-', end) || !digitsAt(s, i + 8, 2, end) || !charAt(s, i + 10, 'T', end)
                || !clockAt(s, i + 11, end)) {
            return null;
        }
        i += 19;
        if (charAt(s, i, '.', end) && i + 1 < end && isDigit(s.charAt(i + 1))) {
            i = skipDigits(s, i + 1, end);
        }
        if (charAt(s, i, 'Z', end)) {
            i++;
        } else if ((charAt(s, i, '+', end) || charAt(s, i, '-', end)) && digitsAt(s, i + 1, 2, end)
                && charAt(s, i + 3, ':', end) && digitsAt(s, i + 4, 2, end)) {
            i += 6;
        } else {
            return null;
        }
        if (!charAt(s, i, ' ', end)) {
            return null;
        }
        int host = i + 1;
        int hostEnd = tokenEnd(s, host, end);
        if (hostEnd == host || !charAt(s, hostEnd, ' ', end)) {
            return null;
        }
        return new RelayHeader(host, hostEnd, hostEnd + 1);
    }

    /** The end of a non-empty {@code \S+} field followed by one space: the start of the next field; or -1. */
    private static int field(String s, int i, int end) {
        if (i < 0) {
            return -1;
        }
        int fieldEnd = tokenEnd(s, i, end);
        return fieldEnd > i && fieldEnd < end && s.charAt(fieldEnd) == ' ' ? fieldEnd + 1 : -1;
    }

    /** The end of RFC 5424 STRUCTURED-DATA at {@code i}: the nil value {@code -} or 1 to 16 elements; or -1. */
    private static int structuredDataEnd(String s, int i, int end) {
        if (i < end && s.charAt(i) == '-') {
            return i + 1;
        }
        int elements = 0;
        while (i < end && s.charAt(i) == '[' && elements < MAX_SD_ELEMENTS) {
            i = elementEnd(s, i + 1, end);
            if (i < 0) {
                return -1;
            }
            elements++;
        }
        return elements == 0 ? -1 : i;
    }

    /**
     * The end of one {@code [...]} element whose content starts at {@code i}, or -1. Content is runs of chars that
     * are neither {@code ]} nor {@code \}, and backslash escapes of any char but a line terminator; more than
     * {@link #MAX_SD_RUNS} of them is refused, so a hostile line costs little.
     */
    private static int elementEnd(String s, int i, int end) {
        for (int runs = 0; i < end; runs++) {
            char c = s.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (runs == MAX_SD_RUNS) {
                return -1;
            }
            if (c == '\\') {
                if (i + 1 >= end || isLineTerminator(s.charAt(i + 1))) {
                    return -1;
                }
                boolean pair = Character.isHighSurrogate(s.charAt(i + 1)) && i + 2 < end
                        && Character.isLowSurrogate(s.charAt(i + 2));
                i += pair ? 3 : 2;
            } else {
                while (i < end && s.charAt(i) != ']' && s.charAt(i) != '\\') {
                    i++;
                }
            }
        }
        return -1;
    }

    /** {@code [ \d]?\d } of an RFC 3164 day ({@code 6}, {@code  6}, {@code 16}): the index after its space, or -1. */
    private static int dayEnd(String s, int i, int end) {
        if (i + 1 < end && isDigit(s.charAt(i)) && s.charAt(i + 1) == ' ') {
            return i + 2;
        }
        if (i + 2 < end && (s.charAt(i) == ' ' || isDigit(s.charAt(i))) && isDigit(s.charAt(i + 1))
                && s.charAt(i + 2) == ' ') {
            return i + 3;
        }
        return -1;
    }

    /** {@code HH:mm:ss} at {@code i}. */
    private static boolean clockAt(String s, int i, int end) {
        return digitsAt(s, i, 2, end) && charAt(s, i + 2, ':', end) && digitsAt(s, i + 3, 2, end)
                && charAt(s, i + 5, ':', end) && digitsAt(s, i + 6, 2, end);
    }

    /**
     * After a TAG like {@code root: } that is followed by {@code <PRI>}, the index of that {@code <}; else {@code i}.
     * The TAG is a run of chars other than blanks and {@code <}, ending with its colon.
     */
    private static int tagEnd(String s, int i, int end) {
        int run = i;
        while (run < end && !isBlank(s.charAt(run)) && s.charAt(run) != '<') {
            run++;
        }
        if (run - i < 2 || s.charAt(run - 1) != ':' || !charAt(s, run, ' ', end) || !priAt(s, run + 1, end)) {
            return i;
        }
        return run + 1;
    }

    /** {@code <} 1-3 digits {@code >} at {@code i}. */
    private static boolean priAt(String s, int i, int end) {
        if (!charAt(s, i, '<', end)) {
            return false;
        }
        int digitsEnd = skipDigits(s, i + 1, Math.min(end, i + 4));
        return digitsEnd > i + 1 && charAt(s, digitsEnd, '>', end);
    }

    /** A digit, {@code :}, {@code <}, a sync mark, or an origin-id word followed by {@code ": "}. */
    private static boolean ciscoHeaderStartsAt(String s, int i, int end) {
        if (i >= end) {
            return false;
        }
        char c = s.charAt(i);
        if (isDigit(c) || c == ':' || c == '<' || c == '*' || c == '.') {
            return true;
        }
        if (!isLetter(c)) {
            return false;
        }
        int wordEnd = i + 1;
        while (wordEnd < end && (isWord(s.charAt(wordEnd)) || s.charAt(wordEnd) == '.' || s.charAt(wordEnd) == '-')) {
            wordEnd++;
        }
        return wordEnd + 1 < end && s.charAt(wordEnd) == ':' && s.charAt(wordEnd + 1) == ' ';
    }

    private static boolean charAt(String s, int i, char c, int end) {
        return i < end && s.charAt(i) == c;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
