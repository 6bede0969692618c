package io.tunnelwatch.collector.parse;

import static io.tunnelwatch.collector.parse.SyslogChars.digitsAt;
import static io.tunnelwatch.collector.parse.SyslogChars.isBlank;
import static io.tunnelwatch.collector.parse.SyslogChars.isHex;
import static io.tunnelwatch.collector.parse.SyslogChars.isLetter;
import static io.tunnelwatch.collector.parse.SyslogChars.isWord;
import static io.tunnelwatch.collector.parse.SyslogChars.number;
import static io.tunnelwatch.collector.parse.SyslogChars.skipBlanks;
import static io.tunnelwatch.collector.parse.SyslogChars.skipDigits;
import static io.tunnelwatch.collector.parse.SyslogChars.tokenEnd;

/**
 * Reads the header in front of a Cisco message, {@code s[0..end)}, in one pass and without a regex
 * (docs/cisco-sources.md#ios-syslog-header-formats): {@code <PRI>}, a relay's header ({@link RelayHeader}), the
 * router's own {@code <PRI>} a relay may have kept,
 * then the Cisco header proper {@code [COUNTER:] [ORIGIN-ID: ][SEQNO: ][*|.][TIMESTAMP][:] [HOST]}, every part
 * optional. Positions are kept while scanning; a field becomes a String only once the whole Cisco header has been
 * read, since a header that is not one yields no fields at all.
 *
 * <p>One instance per line; not thread-safe.
 */
final class IosHeaderScanner {

    private final String s;
    private int pri = -1;
    private RelayHeader relay;

    /** Whether the part after the relay and PRI was a Cisco header, every part of it optional. */
    private boolean ciscoHeader;
    private int counterStart = -1;
    private int counterEnd = -1;
    private int originStart = -1;
    private int originEnd = -1;
    private int sequenceStart = -1;
    private int sequenceEnd = -1;
    private char sync = ' ';
    private int stampStart = -1;
    private int stampEnd = -1;
    /** A token after the timestamp (a hostname, docs/cisco-sources.md#ios-syslog-header-formats); -1 when none. */
    private int hostStart = -1;
    private int hostEnd = -1;

    private IosHeaderScanner(String s) {
        this.s = s;
    }

    /** Scans the header {@code s[0..end)}. */
    static IosHeaderScanner scan(String s, int end) {
        IosHeaderScanner h = new IosHeaderScanner(s);
        h.read(end);
        return h;
    }

    /**
     * Whether the header is one a {@code debug crypto} line may follow: a Cisco header with no token after its
     * timestamp, since such a word is more likely prose than a host name.
     */
    boolean fitsDebugLine() {
        return ciscoHeader && hostStart < 0;
    }

    /** The message with this header. */
    SyslogMessage message(String facility, int severity, String mnemonic, String text) {
        String relayHost = relay == null ? null : relay.host(s);
        if (!ciscoHeader) {
            return new SyslogMessage(pri, -1, null, -1, ' ', null, relayHost, facility, severity, mnemonic, text);
        }
        if (relayHost == null && hostStart >= 0) {
            relayHost = s.substring(hostStart, hostEnd);
        }
        return new SyslogMessage(pri, counterStart < 0 ? -1 : number(s, counterStart, counterEnd),
                originStart < 0 ? null : s.substring(originStart, originEnd),
                sequenceStart < 0 ? -1 : number(s, sequenceStart, sequenceEnd), sync,
                stampStart < 0 ? null : s.substring(stampStart, stampEnd), relayHost, facility, severity, mnemonic,
                text);
    }

    private void read(int end) {
        int i = 0;
        int afterPri = priEnd(0, end);
        if (afterPri > 0) {
            relay = RelayHeader.rfc5424(s, afterPri, end);
            i = relay == null ? afterPri : relay.end();
        }
        RelayHeader plain = RelayHeader.rfc3164(s, i, end);
        if (plain == null) {
            plain = RelayHeader.rfc3339(s, i, end);
        }
        if (plain != null) {
            relay = plain;
            i = plain.end();
        }
        // A relay may have kept the router's own PRI inside its payload (logger -d does).
        int inner = priEnd(i, end);
        int from = inner > 0 ? inner : i;
        int to = end;
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        // As in a regex, a counter read first must not stop the rest from matching: "::1: " is an IPv6 origin-id.
        ciscoHeader = readCiscoHeader(from, to, true) || readCiscoHeader(from, to, false);
    }

    /** {@code <} 1-3 digits {@code >} at {@code i}: sets {@link #pri}, returns the index after it; else -1. */
    private int priEnd(int i, int end) {
        if (i >= end || s.charAt(i) != '<') {
            return -1;
        }
        int digitsEnd = skipDigits(s, i + 1, Math.min(end, i + 4));
        if (digitsEnd == i + 1 || digitsEnd >= end || s.charAt(digitsEnd) != '>') {
            return -1;
        }
        pri = (int) number(s, i + 1, digitsEnd);
        return digitsEnd + 1;
    }

    /**
     * Reads {@code s[i..end)}, already stripped of blanks at both ends; false when it is not a Cisco header.
     *
     * @param counter whether a leading {@code digits:} may be the counter
     */
    private boolean readCiscoHeader(int i, int end, boolean counter) {
        counterStart = -1;
        originStart = -1;
        sequenceStart = -1;
        sync = ' ';
        stampStart = -1;
        hostStart = -1;
        int colon = counter ? numberColon(i, end, false) : -1;
        if (colon >= 0) {
            counterStart = i;
            counterEnd = colon;
            i = skipBlanks(s, colon + 1, end);
        }
        colon = OriginId.colonAfter(s, i, end);
        if (colon >= 0) {
            originStart = i;
            originEnd = colon;
            i = skipBlanks(s, colon + 1, end);
        }
        colon = numberColon(i, end, true);
        if (colon >= 0) {
            sequenceStart = i;
            sequenceEnd = colon;
            i = skipBlanks(s, colon + 1, end);
        }
        if (i < end && (s.charAt(i) == '*' || s.charAt(i) == '.')) {
            sync = s.charAt(i++);
        }
        int stamp = RouterTime.end(s, i, end);
        if (stamp >= 0) {
            stampStart = i;
            stampEnd = stamp;
            i = stamp;
        }
        return readTail(i, end);
    }

    /**
     * Digits and a colon at {@code i} (a counter or sequence number), unless they start an {@code hh:mm:ss} uptime:
     * the colon's index, or -1.
     *
     * @param required whether at least one digit is needed ({@code <189>: } has an empty counter)
     */
    private int numberColon(int i, int end, boolean required) {
        int colon = skipDigits(s, i, end);
        if ((required && colon == i) || colon >= end || s.charAt(colon) != ':') {
            return -1;
        }
        boolean clock = digitsAt(s, colon + 1, 2, end) && colon + 3 < end && s.charAt(colon + 3) == ':'
                && digitsAt(s, colon + 4, 2, end);
        return clock ? -1 : colon;
    }

    /** After the timestamp: an optional colon, then at most one token (a host name), then nothing. */
    private boolean readTail(int i, int end) {
        if (i < end && s.charAt(i) == ':') {
            i++;
        }
        i = skipBlanks(s, i, end);
        if (i == end) {
            return true;
        }
        int tokenEnd = tokenEnd(s, i, end);
        if (skipBlanks(s, tokenEnd, end) != end) {
            return false;
        }
        hostStart = i;
        hostEnd = tokenEnd;
        return true;
    }

    /** The {@code logging origin-id} token: a host name, an IPv4 or an IPv6 literal, then a colon and a blank. */
    static final class OriginId {

        private OriginId() {
        }

        /** The index of the colon after an origin-id starting at {@code i} in a stripped header, or -1. */
        static int colonAfter(String s, int i, int end) {
            if (i >= end) {
                return -1;
            }
            int colon = isLetter(s.charAt(i)) ? hostnameEnd(s, i, end) : ipv4End(s, i, end);
            if (colon < 0 || !followedByBlank(s, colon, end)) {
                colon = ipv6End(s, i, end);
            }
            return colon >= 0 && followedByBlank(s, colon, end) ? colon : -1;
        }

        /**
         * A colon then a blank, or a colon that ends the header: with {@code no service timestamps log} the
         * origin-id is the last thing before {@code %FAC-SEV-MNEM:}.
         */
        private static boolean followedByBlank(String s, int colon, int end) {
            return colon < end && s.charAt(colon) == ':' && (colon + 1 == end || isBlank(s.charAt(colon + 1)));
        }

        /** {@code [A-Za-z][\w.-]*}. */
        private static int hostnameEnd(String s, int i, int end) {
            i++;
            while (i < end && (isWord(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '-')) {
                i++;
            }
            return i;
        }

        /** Four dot-separated groups of 1-3 digits. */
        private static int ipv4End(String s, int i, int end) {
            for (int group = 0; group < 4; group++) {
                if (group > 0) {
                    if (i >= end || s.charAt(i) != '.') {
                        return -1;
                    }
                    i++;
                }
                int groupEnd = skipDigits(s, i, Math.min(end, i + 3));
                if (groupEnd == i) {
                    return -1;
                }
                i = groupEnd;
            }
            return i;
        }

        /**
         * An IPv6 literal with {@code ::} (in its first 41 chars; 2 to 7 colons, groups of up to 4 hex digits),
         * or all eight groups, so an {@code hh:mm:ss} uptime never reads as one. It is the whole run of hex digits
         * and colons but the run's last colon, which must be followed by a blank.
         */
        private static int ipv6End(String s, int i, int end) {
            int run = i;
            int doubleColon = -1;
            while (run < end && (isHex(s.charAt(run)) || s.charAt(run) == ':')) {
                if (doubleColon < 0 && run > i && s.charAt(run) == ':' && s.charAt(run - 1) == ':') {
                    doubleColon = run - 1;
                }
                run++;
            }
            int colon = run - 1;
            if (colon <= i || s.charAt(colon) != ':' || !followedByBlank(s, colon, end)) {
                return -1;
            }
            int colons = 0;
            int group = 0;
            boolean emptyGroup = false;
            for (int k = i; k < colon; k++) {
                if (s.charAt(k) == ':') {
                    emptyGroup |= group == 0;
                    colons++;
                    group = 0;
                } else if (++group > 4) {
                    return -1;
                }
            }
            emptyGroup |= group == 0;
            boolean compressed = doubleColon >= 0 && doubleColon - i <= 39 && colons >= 2 && colons <= 7;
            boolean full = colons == 7 && !emptyGroup;
            return compressed || full ? colon : -1;
        }
    }
}
