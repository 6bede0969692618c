package io.tunnelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.dashboards.RuleFiles.Rule;
import io.tunnelwatch.dashboards.RuleFiles.TemplateQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * PromQL queries checked against a live Prometheus: each must parse there, and each metric it reads must have a
 * series. Any source of queries fits (the rules here; dashboards' panels as well), each query named by where it
 * comes from.
 */
final class LiveQueries {

    /**
     * One query and where it comes from (a rule, a panel), for the failure message; {@code mustAnswer} when the
     * query itself must return a series (a dashboard panel), not only every metric it reads (an alert's condition,
     * false while nothing is wrong).
     */
    record PromQuery(String source, String expr, boolean mustAnswer) {

        PromQuery(String source, String expr) {
            this(source, expr, false);
        }
    }

    private LiveQueries() {
    }

    /**
     * Every expression of every rule; every query of an alert's annotations, its {@code $labels} filled in from
     * {@code alertLabels} (the labels of an alert that is open now, so the query has something to find); and every
     * recording rule's output name, which must exist once the rules have run.
     */
    static List<PromQuery> ofRules(Map<String, String> alertLabels) {
        List<PromQuery> queries = new ArrayList<>();
        for (Rule rule : RuleFiles.rules()) {
            String source = rule.file().getFileName() + " " + rule.name();
            queries.add(new PromQuery(source, rule.expr()));
            for (TemplateQuery q : rule.annotationQueries()) {
                queries.add(new PromQuery(source + " (annotation query)", filledIn(q, alertLabels)));
            }
            if (!rule.isAlert()) {
                queries.add(new PromQuery(source + " (its output)", rule.record()));
            }
        }
        return queries;
    }

    /**
     * Every query of every dashboard in {@code grafanaDir} with its variables substituted, each of which must return
     * a series: a panel that shows nothing for a live fleet is a broken panel.
     */
    static List<PromQuery> ofDashboards(Path grafanaDir, Map<String, String> variables) {
        List<PromQuery> queries = new ArrayList<>();
        for (GrafanaDashboards.DashboardQuery q : GrafanaDashboards.queries(grafanaDir, variables)) {
            queries.add(new PromQuery(q.dashboard() + " / " + q.panel(), q.expr(), true));
        }
        return queries;
    }

    /**
     * What is wrong with the queries at {@code prometheus} now, one line each: a query that does not parse, or a
     * metric it reads without a single series. Empty when every query answers.
     */
    static List<String> problems(LivePrometheus prometheus, List<PromQuery> queries) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> hasSeries = new HashMap<>();
        for (PromQuery q : queries) {
            JsonNode answer = prometheus.query(q.expr());
            if (!answer.path("status").asText().equals("success")) {
                problems.add(q.source() + ": does not parse: " + answer.path("error").asText() + "\n    " + q.expr());
                continue;
            }
            if (q.mustAnswer() && answer.path("data").path("result").isEmpty()) {
                problems.add(q.source() + ": returns nothing\n    " + q.expr());
            }
            for (String metric : PromqlMetricNames.of(q.expr())) {
                if (!hasSeries.computeIfAbsent(metric, m -> !prometheus.result("count(" + m + ")").isEmpty())) {
                    problems.add(q.source() + ": no series of " + metric + "\n    " + q.expr());
                }
            }
        }
        return problems;
    }

    /** The annotation's query as the template runs it: {@code printf}'s {@code %q} quotes each label's value. */
    private static String filledIn(TemplateQuery query, Map<String, String> labels) {
        String promql = query.format().replace("\\\"", "\"");
        for (String arg : query.args()) {
            String label = arg.replaceFirst("^\\$labels\\.", "");
            String value = labels.getOrDefault(label, "");
            promql = promql.replaceFirst("%q", Matcher.quoteReplacement(
                    "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        }
        return promql;
    }
}
