package io.tunnelwatch.collector.syslog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a syslog line as an IOS/IOS-XE router sends it, or as a relay (rsyslog, syslog-ng, util-linux logger)
 * forwards it, into a {@link SyslogMessage}. The wire forms are in CISCO-FACTS.md §2:
 * {@code <PRI>COUNTER: [ORIGIN-ID: ][SEQNO: ][*|.]TIMESTAMP: %FAC-SEV-MNEM: text}, possibly wrapped in an
 * RFC 3164 or RFC 5424 header by a relay.
 *
 * <p>The {@code %FAC-SEV-MNEM:} token is the anchor: everything before it is header, everything after it text. This
 * keeps the parser tolerant of the many header variants (suppressed counter, no space before {@code %}, uptime
 * stamps, time zones) that break generic syslog parsers. Thread-safe and free of Netty and Kafka types.
 */
public final class IosSyslogParser {

    /**
     * {@code %FAC[-SUB]-SEV-MNEM:}; Cisco allows a space before the colon in a few old images. The {@code -SUB}
     * parts are bounded: an unbounded group repetition recurses once per iteration in java.util.regex.
     */
    private static final Pattern MNEMONIC =
            Pattern.compile("%([A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+){0,3}?)-([0-7])-([A-Z][A-Z0-9_]*) ?:");

    private static final Pattern PRI = Pattern.compile("^<(\\d{1,3})>");

    /**
     * The first word of a {@code debug crypto isakmp|ikev2|ipsec} line (CISCO-FACTS.md §1.4), which has no
     * {@code %FAC-SEV-MNEM:} token: it must start the text after the header, so it follows the start of the line,
     * a colon, a {@code >} or a blank, and is followed by a blank, a colon or a parenthesis.
     */
    private static final Pattern DEBUG_START = Pattern.compile(
            "(?:^|(?<=[:>\\s]))(ISAKMP-ERROR|ISAKMP|IKEv2-ERROR|IKEV2-ERROR|IKEv2|IKEV2|IPSEC(?=\\()|Crypto)"
            + "(?=[\\s:(]|$)");

    /** How many candidate debug words are tried before giving up, so a hostile line cannot make us quadratic. */
    private static final int DEBUG_CANDIDATES = 3;

    /**
     * RFC 5424 after PRI: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD. The SD repetitions
     * are bounded (16 elements, 64 escape-separated runs each) for the same reason as {@link #MNEMONIC}.
     */
    private static final Pattern RFC5424 =
            Pattern.compile("^1 \\S+ (\\S+) \\S+ \\S+ \\S+ (?:-|(?:\\[(?:[^\\]\\\\]++|\\\\.){0,64}\\]){1,16})(?: |$)");

    /**
     * An RFC 3164 relay header: {@code MMM dd HH:mm:ss HOST } followed by a Cisco header (a number, a colon or an
     * origin-id), or by a TAG (util-linux {@code logger --rfc3164}) when the router's own {@code <PRI>} follows.
     */
    private static final Pattern RFC3164_RELAY =
            Pattern.compile("^[A-Z][a-z]{2} [ \\d]?\\d \\d{2}:\\d{2}:\\d{2} (\\S+) (?:[^\\s<]+: (?=<\\d{1,3}>))?"
                    + "(?=[\\d:<*.]|[A-Za-z][\\w.\\-]*: )");

    /**
     * A relay header with an RFC 3339 stamp and no RFC 5424 VERSION (rsyslog's forward format):
     * {@code 2024-10-11T10:15:31.208321-05:00 HOST }. IOS never writes such a stamp itself.
     */
    private static final Pattern RFC3339_RELAY =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}) (\\S+) ");

    /**
     * An IPv6 origin-id: with {@code ::}, or all eight groups, so an {@code hh:mm:ss} uptime never reads as one.
     * Every repetition is bounded so a long run of colons cannot make the header match quadratic.
     */
    private static final String IPV6 = "(?=[0-9A-Fa-f:]{0,39}::)[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
            + "|[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}";

    /** The Cisco header proper, before the mnemonic. Every part is optional; see the class comment. */
    private static final Pattern CISCO_HEADER = Pattern.compile(
            "^(?:(\\d*):(?!\\d{2}:\\d{2})\\s*)?"                       // 1 counter (may be empty: "<189>: ")
            + "(?:([A-Za-z][\\w.\\-]*|\\d{1,3}(?:\\.\\d{1,3}){3}|" + IPV6 + "):\\s+)?" // 2 origin-id
            + "(?:(\\d+):(?!\\d{2}:\\d{2})\\s*)?"                         // 3 sequence number, not hh:mm:ss
            + "([*.])?"                                                 // 4 sync mark
            + "([A-Za-z]{3}\\s+\\d{1,2}(?:\\s+\\d{4})?\\s+\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?"
            + "(?:\\s?[A-Za-z]{2,5}(?:[+-]\\d{1,2}(?::\\d{2})?)?)?"   // 5 timestamp, optional zone
            + "|\\d+[ywdh]\\d+[wdhm]|\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)?" //   or uptime
            + ":?\\s*(?:(\\S+)\\s*)?$");                                // 6 a host token after the stamp

    /** Parses one line; never throws on any input. */
    public SyslogParseResult parse(String line) {
        String s = stripLineEnd(line);
        if (s.isEmpty()) {
            return new SyslogParseResult.Unparsed(SyslogParseResult.Reason.EMPTY);
        }
        Matcher m = MNEMONIC.matcher(s);
        if (!m.find()) {
            return parseDebug(s);
        }
        String header = s.substring(0, m.start());
        String text = s.substring(m.end()).stripLeading();
        String facility = m.group(1);
        int severity = m.group(2).charAt(0) - '0';
        String mnemonic = m.group(3);
        // IOS-XE platform messages carry the real message nested in their text.
        if ("IOSXE".equals(facility) && "PLATFORM".equals(mnemonic)) {
            Matcher inner = MNEMONIC.matcher(text);
            if (inner.find()) {
                facility = inner.group(1);
                severity = inner.group(2).charAt(0) - '0';
                mnemonic = inner.group(3);
                text = text.substring(inner.end()).stripLeading();
            }
        }
        return new SyslogParseResult.Parsed(readHeader(header, facility, severity, mnemonic, text));
    }

    /**
     * A line without a mnemonic may still be a {@code debug crypto} line: the debug word must come right after a
     * header this parser recognises, otherwise a word like "Crypto" in some other device's free text would pass.
     */
    private static SyslogParseResult parseDebug(String s) {
        Matcher d = DEBUG_START.matcher(s);
        for (int tries = 0; tries < DEBUG_CANDIDATES && d.find(); tries++) {
            SyslogMessage message = readHeader(s.substring(0, d.start()), SyslogMessage.DEBUG_FACILITY,
                    SyslogMessage.DEBUG_SEVERITY, debugMnemonic(d.group(1)), s.substring(d.start()), true);
            if (message != null) {
                return new SyslogParseResult.Parsed(message);
            }
        }
        return new SyslogParseResult.Unparsed(SyslogParseResult.Reason.NO_CISCO_MNEMONIC);
    }

    /** Upper case with {@code _}, like a real mnemonic; constants, so a debug line allocates no name. */
    private static String debugMnemonic(String word) {
        return switch (word) {
            case "ISAKMP-ERROR" -> "ISAKMP_ERROR";
            case "IKEv2", "IKEV2" -> "IKEV2";
            case "IKEv2-ERROR", "IKEV2-ERROR" -> "IKEV2_ERROR";
            case "Crypto" -> "CRYPTO";
            default -> word; // ISAKMP, IPSEC
        };
    }

    private static SyslogMessage readHeader(String header, String facility, int severity, String mnemonic,
                                            String text) {
        return readHeader(header, facility, severity, mnemonic, text, false);
    }

    /** @param strict return null when the header is not a Cisco header (debug lines have no other anchor) */
    private static SyslogMessage readHeader(String header, String facility, int severity, String mnemonic,
                                            String text, boolean strict) {
        int pri = -1;
        String relayHost = null;
        String rest = header;
        Matcher p = PRI.matcher(rest);
        if (p.find()) {
            pri = Integer.parseInt(p.group(1));
            rest = rest.substring(p.end());
            Matcher r5424 = RFC5424.matcher(rest);
            if (r5424.find()) {
                relayHost = nil(r5424.group(1));
                rest = rest.substring(r5424.end());
            }
        }
        Matcher r3164 = RFC3164_RELAY.matcher(rest);
        Matcher r3339 = RFC3339_RELAY.matcher(rest);
        if (r3164.find()) {
            relayHost = r3164.group(1);
            rest = rest.substring(r3164.end());
        } else if (r3339.find()) {
            relayHost = r3339.group(1);
            rest = rest.substring(r3339.end());
        }
        // A relay may have kept the router's own PRI inside its payload (logger -d does).
        Matcher innerPri = PRI.matcher(rest);
        if (innerPri.find()) {
            pri = Integer.parseInt(innerPri.group(1));
            rest = rest.substring(innerPri.end());
        }
        long counter = -1;
        String originId = null;
        long sequence = -1;
        char sync = ' ';
        String routerTime = null;
        Matcher h = CISCO_HEADER.matcher(rest.strip());
        boolean ciscoHeader = h.matches();
        // A word between the stamp and a debug line is more likely prose than a host name: refuse it.
        if (strict && (!ciscoHeader || h.group(6) != null)) {
            return null;
        }
        if (ciscoHeader) {
            counter = number(h.group(1));
            originId = h.group(2);
            sequence = number(h.group(3));
            sync = h.group(4) == null ? ' ' : h.group(4).charAt(0);
            routerTime = h.group(5);
            if (relayHost == null && h.group(6) != null) {
                relayHost = h.group(6);
            }
        }
        return new SyslogMessage(pri, counter, originId, sequence, sync, routerTime, relayHost, facility, severity,
                mnemonic, text);
    }

    private static long number(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private static String nil(String token) {
        return "-".equals(token) ? null : token;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0) {
            char c = line.charAt(end - 1);
            if (c != '\n' && c != '\r' && c != '\0') {
                break;
            }
            end--;
        }
        return end == line.length() ? line : line.substring(0, end);
    }
}
