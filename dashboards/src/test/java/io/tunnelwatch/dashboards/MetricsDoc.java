package io.tunnelwatch.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The metric names docs/metrics.md lists (every name in backquotes), as the rules and dashboards may read them. */
final class MetricsDoc {

    static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md");

    private static final Pattern QUOTED = Pattern.compile("`([a-zA-Z_:][a-zA-Z0-9_:]*)`");
    private static final Pattern HISTOGRAM_SERIES = Pattern.compile("_(bucket|count|sum)$");

    private MetricsDoc() {
    }

    static Set<String> documented() {
        try {
            return QUOTED.matcher(Files.readString(METRICS_DOC)).results().map(m -> m.group(1))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METRICS_DOC, e);
        }
    }

    /** True when {@code metric}, or the histogram or summary it is a series of, is in {@code documented}. */
    static boolean lists(Set<String> documented, String metric) {
        return documented.contains(metric) || documented.contains(HISTOGRAM_SERIES.matcher(metric).replaceFirst(""));
    }
}
