package io.tunnelwatch.collector.parse;

import static io.tunnelwatch.collector.parse.SyslogChars.atEnd;
import static io.tunnelwatch.collector.parse.SyslogChars.isBlank;

/**
 * Reads a syslog line as an IOS/IOS-XE router sends it, or as a relay (rsyslog, syslog-ng, util-linux logger)
 * forwards it, into a {@link SyslogMessage}. The wire forms are in docs/cisco-sources.md#ios-syslog-header-formats:
 * {@code <PRI>COUNTER: [ORIGIN-ID: ][SEQNO: ][*|.]TIMESTAMP: %FAC-SEV-MNEM: text}, possibly wrapped in an
 * RFC 3164 or RFC 5424 header by a relay.
 *
 * <p>The {@code %FAC-SEV-MNEM:} token ({@link MnemonicToken}) is the anchor: everything before it is header
 * ({@link IosHeaderScanner}), everything after it text. This keeps the parser tolerant of the many header variants
 * (suppressed counter, no space before {@code %}, uptime stamps, time zones) that break generic syslog parsers.
 *
 * <p>This is the collector's per-line hot path, so it is written by hand rather than with regular expressions: one
 * pass over the header, no intermediate strings, and work linear in the line length whatever the line holds
 * (docs/performance.md has the figures). Thread-safe and free of Netty and Kafka types.
 */
public final class IosSyslogParser {

    /** How many candidate debug words are tried before giving up, so a hostile line cannot make us quadratic. */
    private static final int DEBUG_CANDIDATES = 3;

    /**
     * The first words of {@code debug crypto isakmp|ikev2|ipsec} lines (docs/cisco-sources.md#debug-crypto-lines),
     * longest first where
     * one is a prefix of another, each with the mnemonic it is given: upper case with {@code _}, like a real one.
     */
    private static final String[][] DEBUG_WORDS = {
            {"ISAKMP-ERROR", "ISAKMP_ERROR"}, {"ISAKMP", "ISAKMP"},
            {"IKEv2-ERROR", "IKEV2_ERROR"}, {"IKEV2-ERROR", "IKEV2_ERROR"}, {"IKEv2", "IKEV2"}, {"IKEV2", "IKEV2"},
            {"IPSEC", "IPSEC"}, {"Crypto", "CRYPTO"}};

    /** Parses one line; never throws on any input. */
    public SyslogParseResult parse(String line) {
        int end = lineEnd(line);
        if (end == 0) {
            return new SyslogParseResult.Unparsed(SyslogParseResult.Reason.EMPTY);
        }
        MnemonicToken token = MnemonicToken.find(line, 0, end);
        if (token == null) {
            return parseDebug(line, end);
        }
        MnemonicToken message = token;
        // IOS-XE platform messages carry the real message nested in their text.
        if (token.isIosXePlatform(line)) {
            MnemonicToken inner = MnemonicToken.find(line, textStart(line, token.end(), end), end);
            message = inner == null ? token : inner;
        }
        String text = line.substring(textStart(line, message.end(), end), end);
        SyslogMessage parsed = IosHeaderScanner.scan(line, token.start())
                .message(message.facility(line), message.severity(), message.mnemonic(line), text);
        return new SyslogParseResult.Parsed(parsed);
    }

    /**
     * A line without a mnemonic may still be a {@code debug crypto} line: the debug word must start the text after
     * a header this parser recognises, otherwise a word like "Crypto" in some other device's free text would pass.
     */
    private static SyslogParseResult parseDebug(String s, int end) {
        int from = 0;
        for (int tries = 0; tries < DEBUG_CANDIDATES; tries++) {
            int start = nextDebugWord(s, from, end);
            if (start < 0) {
                break;
            }
            String[] word = debugWordAt(s, start, end);
            IosHeaderScanner header = IosHeaderScanner.scan(s, start);
            if (header.fitsDebugLine()) {
                return new SyslogParseResult.Parsed(header.message(SyslogMessage.DEBUG_FACILITY,
                        SyslogMessage.DEBUG_SEVERITY, word[1], s.substring(start, end)));
            }
            from = start + word[0].length();
        }
        return new SyslogParseResult.Unparsed(SyslogParseResult.Reason.NO_CISCO_MNEMONIC);
    }

    /**
     * The next index at or after {@code from} where a debug word stands alone: at the start of the line or after a
     * colon, a {@code >} or a blank, and followed by a blank, a colon, a parenthesis or the end; -1 when none.
     */
    private static int nextDebugWord(String s, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if ((c == 'I' || c == 'C') && (i == 0 || precedesWord(s.charAt(i - 1))) && debugWordAt(s, i, end) != null) {
                return i;
            }
        }
        return -1;
    }

    /** The debug word (and its mnemonic) at {@code i}, or null. */
    private static String[] debugWordAt(String s, int i, int end) {
        for (String[] word : DEBUG_WORDS) {
            int after = i + word[0].length();
            if (after <= end && s.startsWith(word[0], i) && endsWord(s, after, end, word[0].equals("IPSEC"))) {
                return word;
            }
        }
        return null;
    }

    private static boolean precedesWord(char c) {
        return c == ':' || c == '>' || isBlank(c);
    }

    /** {@code IPSEC} is a debug word only as a function prefix, {@code IPSEC(validate_proposal_request)}. */
    private static boolean endsWord(String s, int after, int end, boolean parenthesisOnly) {
        if (after < end && s.charAt(after) == '(') {
            return true;
        }
        if (parenthesisOnly) {
            return false;
        }
        return atEnd(s, after, end) || s.charAt(after) == ':' || isBlank(s.charAt(after));
    }

    /** The index of the first char at or after {@code i} that is not white space (as String.strip sees it). */
    private static int textStart(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The length of the line without the LF, CR and NUL a framer or relay may have left at its end. */
    private static int lineEnd(String line) {
        int end = line.length();
        while (end > 0) {
            char c = line.charAt(end - 1);
            if (c != '\n' && c != '\r' && c != '\0') {
                break;
            }
            end--;
        }
        return end;
    }
}
