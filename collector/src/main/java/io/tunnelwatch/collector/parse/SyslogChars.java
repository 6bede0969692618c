package io.tunnelwatch.collector.parse;

/**
 * The character classes the hand-written syslog scanners test, ASCII only on purpose: {@code \d}, {@code \w} and
 * {@code \s} of java.util.regex (without UNICODE_CHARACTER_CLASS), which the regex parser they replace used, so a
 * non-ASCII digit or blank never reads as one.
 */
final class SyslogChars {

    private SyslogChars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLetter(char c) {
        return isUpper(c) || (c >= 'a' && c <= 'z');
    }

    /** {@code \w}: a letter, a digit or {@code _}. */
    static boolean isWord(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code \s}: space, tab, LF, VT, FF or CR. */
    static boolean isBlank(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** A character of a Cisco facility or mnemonic after its first letter: {@code [A-Z0-9_]}. */
    static boolean isMnemonicChar(char c) {
        return isUpper(c) || isDigit(c) || c == '_';
    }

    /** A character of a Cisco facility after its first letter: {@code [A-Za-z0-9_]} ({@code OSPFv3}). */
    static boolean isFacilityChar(char c) {
        return isWord(c);
    }

    /** Index of the first char at or after {@code i} that is not {@link #isBlank}, or {@code end}. */
    static int skipBlanks(CharSequence s, int i, int end) {
        while (i < end && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index of the first char at or after {@code i} that is not a digit, or {@code end}. */
    static int skipDigits(CharSequence s, int i, int end) {
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index of the first blank at or after {@code i}, or {@code end}: the end of a {@code \S+} token. */
    static int tokenEnd(CharSequence s, int i, int end) {
        while (i < end && !isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether exactly {@code n} digits start at {@code i} (more may follow). */
    static boolean digitsAt(CharSequence s, int i, int n, int end) {
        if (i + n > end) {
            return false;
        }
        for (int k = i; k < i + n; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a regex {@code $} would match in {@code s[..end)}: at the end, or just before a line terminator that
     * ends the input ({@code \n}, {@code \r\n}, {@code \r}, U+0085, U+2028, U+2029).
     */
    static boolean atEnd(CharSequence s, int i, int end) {
        if (i == end) {
            return true;
        }
        char c = s.charAt(i);
        if (i == end - 1) {
            return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }
        return i == end - 2 && c == '\r' && s.charAt(i + 1) == '\n';
    }

    /** Parses 1 to 18 ASCII digits; -1 for none or more (a counter that does not fit is no counter). */
    static long number(CharSequence s, int start, int end) {
        if (start >= end || end - start > 18) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }
}
