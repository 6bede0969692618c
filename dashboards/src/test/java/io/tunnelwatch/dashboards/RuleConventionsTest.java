package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.dashboards.RuleFiles.Rule;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules follow the monitoring mixins' habits (CamelCase alert names, a {@code severity} label, summary,
 * description and runbook_url, recording rules named {@code level:metric:operations}), and every rule has promtool
 * unit tests: each alert both firing and staying quiet, each recording rule evaluated.
 */
class RuleConventionsTest {

    private static final String CATCH_ALL = "TunnelwatchPeerAlertWithoutRule";

    private final List<Rule> rules = RuleFiles.rules();

    @Test
    void shouldFindAlertingAndRecordingRules() {
        assertThat(rules).anyMatch(Rule::isAlert).anyMatch(r -> !r.isAlert());
    }

    @Test
    void shouldGiveEveryAlertACamelCaseNameAForASeverityAndTheThreeAnnotations() {
        for (Rule alert : rules.stream().filter(Rule::isAlert).toList()) {
            assertThat(alert.alert()).as("alert name").matches("[A-Z][A-Za-z0-9]+");
            assertThat(alert.forDuration()).as("for: of %s", alert.alert()).matches("[1-9][0-9]*[smh]");
            String severity = alert.labels().get("severity");
            if (alert.alert().equals(CATCH_ALL)) {
                assertThat(severity).as("the catch-all keeps the series' severity").isEqualTo("{{ $labels.severity }}");
            } else {
                assertThat(severity).as("severity of %s", alert.alert()).isIn("critical", "warning");
            }
            assertThat(alert.annotations()).as("annotations of %s", alert.alert())
                    .containsKeys("summary", "description", "runbook_url")
                    .allSatisfy((key, value) -> assertThat(value).isNotBlank());
        }
    }

    @Test
    void shouldNameEveryAlertAboutTunnelwatchItselfTunnelwatchSomething() {
        assertThat(rules).filteredOn(r -> r.isAlert() && !r.file().equals(RuleFiles.PEER_ALERTS))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.alert()).startsWith("Tunnelwatch"));
    }

    @Test
    void shouldNameEveryRecordingRuleLevelMetricOperations() {
        assertThat(rules).filteredOn(r -> !r.isAlert()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.record()).matches("[a-z][a-z_]*:[a-z][a-z0-9_]*:[a-z][a-z0-9_]*"));
    }

    @Test
    void shouldTestEveryAlertFiringAndStayingQuiet() {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode group : allTestGroups()) {
            for (JsonNode test : group.path("alert_rule_test")) {
                String name = test.path("alertname").asText();
                (test.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
            }
        }
        List<String> alerts = rules.stream().filter(Rule::isAlert).map(Rule::alert).toList();
        assertThat(firing).as("alerts with a promtool test case where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a promtool test case where they stay quiet").containsAll(alerts);
    }

    @Test
    void shouldEvaluateEveryRecordingRuleInAPromtoolTest() {
        Set<String> evaluated = new HashSet<>();
        for (JsonNode group : allTestGroups()) {
            for (JsonNode test : group.path("promql_expr_test")) {
                evaluated.addAll(PromqlMetricNames.of(test.path("expr").asText()));
            }
        }
        assertThat(evaluated).as("recording rules evaluated by a promql_expr_test")
                .containsAll(rules.stream().filter(r -> !r.isAlert()).map(Rule::record).toList());
    }

    @Test
    void shouldLoadEveryRuleFileInSomePromtoolTest() {
        Set<Path> loaded = new HashSet<>();
        for (Path testFile : RuleFiles.testFiles()) {
            for (JsonNode ruleFile : RuleFiles.read(testFile).path("rule_files")) {
                loaded.add(testFile.getParent().resolve(ruleFile.asText()).normalize());
            }
        }
        assertThat(loaded).containsAll(RuleFiles.ruleFiles());
    }

    private static List<JsonNode> allTestGroups() {
        return RuleFiles.testFiles().stream().flatMap(f -> {
            List<JsonNode> groups = new java.util.ArrayList<>();
            RuleFiles.read(f).path("tests").forEach(groups::add);
            return groups.stream();
        }).toList();
    }
}
