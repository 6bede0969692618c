package io.tunnelwatch.collector.parse;

import static io.tunnelwatch.collector.parse.SyslogChars.isFacilityChar;
import static io.tunnelwatch.collector.parse.SyslogChars.isMnemonicChar;
import static io.tunnelwatch.collector.parse.SyslogChars.isUpper;

/**
 * Where a {@code %FAC[-SUB]-SEV-MNEM:} token sits in a line (docs/cisco-sources.md#ios-syslog-header-formats), found
 * without a regex: jump from
 * {@code '%'} to {@code '%'} with {@link String#indexOf(int, int)} and validate each one in place. The facility is an
 * word starting upper case with up to three {@code -SUB} parts ({@code PIM-SW1}, {@code ACL-IPV4_ACL}; IOS-XE prints
 * some in mixed case, {@code OSPFv3}), the severity one digit 0-7, the mnemonic an upper-case word; a space before the colon is allowed (a few old images print one).
 *
 * <p>Work per {@code '%'} is bounded by the characters of its own token, which hold no other {@code '%'}, so a
 * search is linear in the line whatever it holds.
 *
 * @param start         index of the {@code '%'}
 * @param facilityEnd   end of the facility (exclusive); it starts at {@code start + 1}
 * @param severity      the severity digit's value
 * @param mnemonicStart index of the mnemonic's first char
 * @param mnemonicEnd   end of the mnemonic (exclusive)
 * @param end           index just after the colon
 */
record MnemonicToken(int start, int facilityEnd, int severity, int mnemonicStart, int mnemonicEnd, int end) {

    /** Sub-parts a facility may have after its first word; bounded like the regex it replaces. */
    private static final int MAX_SUB_PARTS = 3;

    /** The first token at or after {@code from} in {@code s[..end)}, or null. */
    static MnemonicToken find(String s, int from, int end) {
        for (int p = s.indexOf('%', from); p >= 0 && p < end; p = s.indexOf('%', p + 1)) {
            MnemonicToken token = at(s, p, end);
            if (token != null) {
                return token;
            }
        }
        return null;
    }

    /** Facility and mnemonic strings, shared across lines; see {@link TokenCache}. */
    private static final TokenCache TOKENS = new TokenCache();

    String facility(String s) {
        return TOKENS.intern(s, start + 1, facilityEnd);
    }

    String mnemonic(String s) {
        return TOKENS.intern(s, mnemonicStart, mnemonicEnd);
    }

    /** Whether this is {@code %IOSXE-n-PLATFORM}, whose text nests the real message. */
    boolean isIosXePlatform(String s) {
        return facilityEnd - start - 1 == 5 && s.startsWith("IOSXE", start + 1)
                && mnemonicEnd - mnemonicStart == 8 && s.startsWith("PLATFORM", mnemonicStart);
    }

    /** The token whose {@code '%'} is at {@code p}, or null. */
    private static MnemonicToken at(String s, int p, int end) {
        int i = p + 1;
        if (i >= end || !isUpper(s.charAt(i))) {
            return null;
        }
        i = facilityWordEnd(s, i + 1, end);
        // Each dash either starts the severity or a -SUB part; the severity is tried first, as the fewest parts win.
        for (int parts = 0; ; parts++) {
            MnemonicToken token = severityAt(s, p, i, end);
            if (token != null || parts == MAX_SUB_PARTS) {
                return token;
            }
            if (i + 1 >= end || s.charAt(i) != '-' || !isFacilityChar(s.charAt(i + 1))) {
                return null;
            }
            i = facilityWordEnd(s, i + 2, end);
        }
    }

    /** {@code -SEV-MNEM:} or {@code -SEV-MNEM :} at {@code dash}, or null. */
    private static MnemonicToken severityAt(String s, int p, int dash, int end) {
        if (dash + 3 >= end || s.charAt(dash) != '-' || s.charAt(dash + 2) != '-' || !isUpper(s.charAt(dash + 3))) {
            return null;
        }
        char severity = s.charAt(dash + 1);
        if (severity < '0' || severity > '7') {
            return null;
        }
        int mnemonicEnd = wordEnd(s, dash + 4, end);
        int colon = mnemonicEnd < end && s.charAt(mnemonicEnd) == ' ' ? mnemonicEnd + 1 : mnemonicEnd;
        if (colon >= end || s.charAt(colon) != ':') {
            return null;
        }
        return new MnemonicToken(p, dash, severity - '0', dash + 3, mnemonicEnd, colon + 1);
    }

    private static int facilityWordEnd(String s, int i, int end) {
        while (i < end && isFacilityChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String s, int i, int end) {
        while (i < end && isMnemonicChar(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
