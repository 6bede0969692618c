package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.dashboards.GrafanaDashboards.DashboardQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader the live checks rely on: every query found, every variable form substituted. */
class GrafanaDashboardsTest {

    private static final String DASHBOARD = """
            {
              "title": "t",
              "templating": {"list": [
                {"name": "datasource", "type": "datasource", "query": "prometheus"},
                {"name": "device", "type": "query", "definition": "label_values(m, device)",
                 "query": {"qryType": 1, "query": "label_values(m, device)", "refId": "V"}},
                {"name": "peer", "type": "query", "query": "label_values(m{device=\\"$device\\"}, peer)"}
              ]},
              "panels": [
                {"id": 1, "type": "timeseries", "title": "open",
                 "targets": [{"expr": "rate(a{device=~\\"$device\\", peer=\\"${peer}\\"}[$__rate_interval])"}]},
                {"id": 2, "type": "row", "title": "collapsed", "collapsed": true, "panels": [
                  {"id": 3, "type": "stat", "title": "nested",
                   "targets": [{"expr": "increase(b{device=\\"${device:raw}\\"}[$__range])"},
                               {"expr": "c[$__interval]"}]}
                ]}
              ]
            }
            """;

    @Test
    void shouldSubstituteEveryVariableFormAndGrafanasIntervals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.json"), DASHBOARD);

        List<DashboardQuery> queries = GrafanaDashboards.queries(dir,
                Map.of("device", "rtr-01", "peer", "192.0.2.1", "__rate_interval", "20s"));

        assertThat(queries).containsExactly(
                new DashboardQuery("t", "variable device", "group by (device) (m)"),
                new DashboardQuery("t", "variable peer", "group by (peer) (m{device=\"rtr-01\"})"),
                new DashboardQuery("t", "open", "rate(a{device=~\"rtr-01\", peer=\"192.0.2.1\"}[20s])"),
                new DashboardQuery("t", "nested", "increase(b{device=\"rtr-01\"}[1h])"),
                new DashboardQuery("t", "nested", "c[15s]"));
    }

    @Test
    void shouldRefuseAQueryWhoseVariableHasNoValue(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.json"), DASHBOARD);

        assertThatThrownBy(() -> GrafanaDashboards.queries(dir, Map.of("device", "rtr-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$peer");
    }

    @Test
    void shouldFindQueriesInEveryDashboardOfTheRepository() {
        List<DashboardQuery> queries = GrafanaDashboards.queries(GrafanaDashboards.GRAFANA_DIR,
                Map.of("device", "rtr-01", "peer", "192.0.2.1", "instance", ".*"));

        assertThat(queries).extracting(DashboardQuery::dashboard).containsOnly(
                "tunnelwatch / Fleet overview", "tunnelwatch / Peer drill-down", "tunnelwatch / Pipeline health");
        assertThat(queries).extracting(DashboardQuery::expr).allSatisfy(expr -> assertThat(expr).doesNotContain("$"));
        assertThat(queries).anySatisfy(q -> assertThat(q.expr()).contains("device=\"rtr-01\", peer=\"192.0.2.1\""));
        assertThat(queries).as("the panels of the collapsed row Process and JVM")
                .anySatisfy(q -> assertThat(q.panel()).isEqualTo("Heap"));
    }
}
