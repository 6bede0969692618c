package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.dashboards.RuleFiles.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md lists every series the rules read (in their expressions and in the queries of their annotations) and
 * every series the recording rules write.
 */
class RulesDocumentedTest {

    private static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md");
    private static final Pattern QUOTED = Pattern.compile("`([a-zA-Z_:][a-zA-Z0-9_:]*)`");
    private static final Pattern HISTOGRAM_SERIES = Pattern.compile("_(bucket|count|sum)$");

    @Test
    void shouldListEveryMetricTheRulesReadInDocsMetrics() throws IOException {
        Set<String> documented = documented();
        Map<String, String> undocumented = new TreeMap<>();
        for (Rule rule : RuleFiles.rules()) {
            Set<String> read = new TreeSet<>(PromqlMetricNames.of(rule.expr()));
            rule.annotationQueries().forEach(q -> read.addAll(PromqlMetricNames.of(q.promql())));
            for (String metric : read) {
                String family = HISTOGRAM_SERIES.matcher(metric).replaceFirst("");
                if (!documented.contains(metric) && !documented.contains(family)) {
                    undocumented.put(metric, rule.name());
                }
            }
        }
        assertThat(undocumented).as("metric read by the rule, not in %s", METRICS_DOC).isEmpty();
    }

    @Test
    void shouldListEveryRecordingRuleInDocsMetrics() throws IOException {
        assertThat(documented()).containsAll(
                RuleFiles.rules().stream().filter(r -> !r.isAlert()).map(Rule::record).toList());
    }

    private static Set<String> documented() throws IOException {
        return QUOTED.matcher(Files.readString(METRICS_DOC)).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
    }
}
