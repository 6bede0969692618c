package io.tunnelwatch.collector.yaml;

/**
 * The line of a text a mistake is on, numbered, with a caret under the mistake's column, so a person sees where:
 * <pre>
 *     3 |     snmp: {version: 2c, community: c, pollInterval: soon}
 *       |                                       ^
 * </pre>
 * Tabs before the column stay tabs on the caret line, so the caret lines up however a terminal shows them. A very
 * long line is shown around the column only.
 */
public final class SourceExcerpt {

    /** The most characters of a line shown. */
    static final int MAX_SHOWN = 160;
    private static final String CUT = "...";

    private SourceExcerpt() {
    }

    /**
     * @param line   1-based
     * @param column 1-based; 0 or less puts the caret under the line's first character that is not blank
     * @return the two lines, without a final line break, or null when the text has no such line
     */
    public static String of(String text, int line, int column) {
        if (text == null || line < 1) {
            return null;
        }
        String[] lines = lines(text);
        if (line > lines.length) {
            return null;
        }
        String shown = lines[line - 1];
        int caret = column > 0 ? column - 1 : firstNonBlank(shown);
        int from = 0;
        if (shown.length() > MAX_SHOWN) {
            from = Math.max(0, Math.min(caret - MAX_SHOWN / 2, shown.length() - MAX_SHOWN));
        }
        int to = Math.min(shown.length(), from + MAX_SHOWN);
        String prefix = from > 0 ? CUT : "";
        String body = prefix + shown.substring(from, to) + (to < shown.length() ? CUT : "");
        StringBuilder under = new StringBuilder(" ".repeat(prefix.length()));
        for (int i = from; i < Math.min(caret, to); i++) {
            under.append(shown.charAt(i) == '\t' ? '\t' : ' ');
        }
        under.append(" ".repeat(Math.max(0, caret - Math.max(from, to)))).append('^');
        String number = String.valueOf(line);
        return "  " + number + " | " + body + "\n  " + " ".repeat(number.length()) + " | " + under;
    }

    /** The lines of {@code text}, split at LF, CRLF or CR, as YAML counts them; a final line break ends an empty one. */
    static String[] lines(String text) {
        return text.split("\\r\\n|\\n|\\r", -1);
    }

    private static int firstNonBlank(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
