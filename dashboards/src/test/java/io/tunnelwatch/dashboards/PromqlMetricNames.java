package io.tunnelwatch.dashboards;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The metric names a PromQL expression reads: every identifier that is not a function or aggregation (followed by
 * {@code (}, or by {@code by} or {@code without}), not a keyword, and not inside a label matcher {@code {…}}, a range
 * {@code […]}, a string, or the label list of {@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left} or {@code group_right}.
 * A tokenizer, not a parser: enough for rule expressions, which promtool checks for syntax anyway.
 */
final class PromqlMetricNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Set<String> LABEL_LIST_KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromqlMetricNames() {
    }

    static Set<String> of(String expr) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expr, i);
            } else if (c == '{' || c == '[') {
                i = afterBracket(expr, i);
            } else if (Character.isDigit(c) || c == '.') {
                i = skipWhile(expr, i, ch -> Character.isLetterOrDigit(ch) || ch == '.' || ch == '_');
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = skipWhile(expr, i, ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == ':');
                String word = expr.substring(i, end);
                int next = skipWhile(expr, end, Character::isWhitespace);
                boolean call = (next < expr.length() && expr.charAt(next) == '(') || aggregationClauseAt(expr, next);
                String keyword = word.toLowerCase(Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(keyword)) {
                    i = call ? afterBracket(expr, next) : end;
                } else {
                    if (!call && !KEYWORDS.contains(keyword)) {
                        names.add(word);
                    }
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** {@code sum by (x) (…)}: an aggregation's name may be followed by its clause rather than by its argument. */
    private static boolean aggregationClauseAt(String expr, int at) {
        int end = skipWhile(expr, at, Character::isLetter);
        String word = expr.substring(at, end).toLowerCase(Locale.ROOT);
        return word.equals("by") || word.equals("without");
    }

    /** The index after the bracket that closes the one at {@code open}, skipping strings and nested brackets. */
    private static int afterBracket(String expr, int open) {
        char opening = expr.charAt(open);
        char closing = switch (opening) {
            case '{' -> '}';
            case '[' -> ']';
            default -> ')';
        };
        int depth = 0;
        int i = open;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expr, i);
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unclosed " + opening + " in " + expr);
    }

    private static int afterString(String expr, int start) {
        char quote = expr.charAt(start);
        int i = start + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipWhile(String expr, int from, IntPredicate test) {
        int i = from;
        while (i < expr.length() && test.test(expr.charAt(i))) {
            i++;
        }
        return i;
    }
}
