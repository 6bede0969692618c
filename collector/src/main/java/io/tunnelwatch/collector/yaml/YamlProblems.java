package io.tunnelwatch.collector.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML parser's complaints in the words of the person who wrote the file: "a tab character" rather than "found
 * character '\t(TAB)' that cannot start any token", "indented differently" rather than "expected &lt;block end&gt;".
 * A complaint not listed here is passed on as the parser words it.
 */
final class YamlProblems {

    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token.*",
            Pattern.DOTALL);

    private YamlProblems() {
    }

    /** The reason, and where the construct it happened in starts when that helps to find it. */
    static String reason(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext().trim();
        String reason = plain(problem, context);
        Mark start = e.getContextMark();
        String construct = construct(context);
        if (start != null && construct != null) {
            reason += " (the " + construct + " starts at line " + (start.getLine() + 1) + ", column "
                    + (start.getColumn() + 1) + ")";
        }
        return reason.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String plain(String problem, String context) {
        Matcher cannotStart = CANNOT_START.matcher(problem);
        if (cannotStart.matches()) {
            return cannotStart.group(1).contains("TAB") ? "a tab character: YAML indents with spaces only"
                    : "'" + cannotStart.group(1) + "' cannot start a value: put the value in quotes";
        }
        if (problem.startsWith("expected <block end>")) {
            return "this line is indented differently from the lines above it";
        }
        if (problem.startsWith("mapping values are not allowed here")) {
            return "a key where none can start: is the line indented more than the one above, or does a value"
                    + " hold ': ' (then put it in quotes)?";
        }
        if (problem.startsWith("expected ',' or ']'")) {
            return "a '[' list is not closed with ']', or a ',' is missing between its items";
        }
        if (problem.startsWith("expected ',' or '}'")) {
            return "a '{' map is not closed with '}', or a ',' is missing between its entries";
        }
        if (problem.startsWith("found unexpected end of stream") && context.contains("quoted scalar")) {
            return "a quoted value is not closed";
        }
        if (problem.contains("but found '<stream end>'")) {
            return "the file ends where a value should follow";
        }
        return problem;
    }

    private static String construct(String context) {
        if (context.contains("flow sequence")) {
            return "'[' list";
        }
        if (context.contains("flow mapping")) {
            return "'{' map";
        }
        if (context.contains("quoted scalar")) {
            return "quoted value";
        }
        if (context.contains("block mapping")) {
            return "map";
        }
        if (context.contains("block collection") || context.contains("block sequence")) {
            return "list";
        }
        return null;
    }
}
