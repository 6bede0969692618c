package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.dashboards.RuleFiles.Rule;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md lists every series the rules read (in their expressions and in the queries of their annotations) and
 * every series the recording rules write.
 */
class RulesDocumentedTest {

    @Test
    void shouldListEveryMetricTheRulesReadInDocsMetrics() {
        Set<String> documented = MetricsDoc.documented();
        Map<String, String> undocumented = new TreeMap<>();
        for (Rule rule : RuleFiles.rules()) {
            Set<String> read = new TreeSet<>(PromqlMetricNames.of(rule.expr()));
            rule.annotationQueries().forEach(q -> read.addAll(PromqlMetricNames.of(q.promql())));
            for (String metric : read) {
                if (!MetricsDoc.lists(documented, metric)) {
                    undocumented.put(metric, rule.name());
                }
            }
        }
        assertThat(undocumented).as("metric read by the rule, not in %s", MetricsDoc.METRICS_DOC).isEmpty();
    }

    @Test
    void shouldListEveryRecordingRuleInDocsMetrics() {
        assertThat(MetricsDoc.documented()).containsAll(
                RuleFiles.rules().stream().filter(r -> !r.isAlert()).map(Rule::record).toList());
    }
}
