package io.tunnelwatch.launcher.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence lines ({@code <ISO-8601 time> <mnemonic> <text>}, oldest first) as a person reads them: a line repeated
 * one after the other, differing only in its time, is shown once with its count and span
 * ({@code ×6 between 11:40:02 and 11:42:48 UTC}); every time is told by {@link HumanTime}.
 */
public final class RepeatedLines {

    /** One line as shown: its text after the time, how often it came in a row, its first and last time (or null). */
    record Run(String text, int count, Instant first, Instant last) {
    }

    private RepeatedLines() {
    }

    /** The lines as shown, in their order. */
    public static List<String> show(List<String> lines, HumanTime time) {
        return fold(lines).stream().map(run -> describe(run, time)).toList();
    }

    static List<Run> fold(List<String> lines) {
        List<Run> runs = new ArrayList<>();
        for (String line : lines) {
            Instant at = HumanTime.leading(line);
            String text = line.substring(HumanTime.leadingLength(line)).strip();
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.text().equals(text)) {
                runs.set(runs.size() - 1, new Run(text, last.count() + 1, last.first() == null ? at : last.first(),
                        at == null ? last.last() : at));
            } else {
                runs.add(new Run(text, 1, at, at));
            }
        }
        return runs;
    }

    private static String describe(Run run, HumanTime time) {
        String text = time.text(run.text());
        String line = run.last() == null ? text : time.when(run.last()) + "  " + text;
        if (run.count() == 1) {
            return line;
        }
        return line + "  ×" + run.count() + (run.first() == null || run.first().equals(run.last()) ? ""
                : " " + time.between(run.first(), run.last()));
    }
}
