package io.tunnelwatch.dashboards;

import static io.tunnelwatch.dashboards.DebianTool.PROMTOOL;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.dashboards.DebianTool.Result;
import io.tunnelwatch.dashboards.GrafanaDashboards.DashboardQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query, its variables substituted, is PromQL that Debian's promtool parses: each becomes the
 * expression of a throwaway recording rule and {@code promtool check rules} reads the file. Whether the queries
 * return data is for a live Prometheus to say.
 */
class DashboardPromtoolIT {

    private static final Map<String, String> VARIABLES =
            Map.of("device", "rtr-01", "peer", "192.0.2.1", "instance", ".*");

    @Test
    void shouldFindEveryDashboardQueryValidPromql(@TempDir Path dir) throws Exception {
        List<DashboardQuery> queries = GrafanaDashboards.queries(GrafanaDashboards.GRAFANA_DIR, VARIABLES);

        Result result = checkRules(dir, queries);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).as(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void shouldRefuseAQueryThatIsNotPromql(@TempDir Path dir) throws Exception {
        List<DashboardQuery> queries = new ArrayList<>(
                GrafanaDashboards.queries(GrafanaDashboards.GRAFANA_DIR, VARIABLES));
        queries.add(new DashboardQuery("broken", "broken", "sum by (device) (rate(tunnelwatch_syslog_lost_total[5m])"));

        Result result = checkRules(dir, queries);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("dashboard_query_" + queries.size());
    }

    /** One rule group with a recording rule per query, named after its position in the list (from 1). */
    private static Result checkRules(Path dir, List<DashboardQuery> queries) throws IOException, InterruptedException {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            DashboardQuery query = queries.get(i);
            yaml.append("      # ").append(query.dashboard()).append(" / ").append(query.panel()).append('\n')
                    .append("      - record: dashboard_query_").append(i + 1).append('\n')
                    .append("        expr: '").append(query.expr().replace("'", "''")).append("'\n");
        }
        Path rules = dir.resolve("dashboard-queries.yml");
        Files.writeString(rules, yaml);
        return PROMTOOL.run(dir, "check", "rules", rules.getFileName().toString());
    }
}
