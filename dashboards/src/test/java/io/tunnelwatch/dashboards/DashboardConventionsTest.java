package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tunnelwatch.dashboards.GrafanaDashboards.DashboardQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards as Grafana would take them: a current schema, a Prometheus datasource variable every query
 * goes through, device and peer variables from {@code label_values}, unique panel ids, no panel over another, and
 * only metrics docs/metrics.md lists or the recording rules write.
 */
class DashboardConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASOURCE = "${datasource}";
    private static final int GRID_WIDTH = 24;

    private final List<Path> files = GrafanaDashboards.files(GrafanaDashboards.GRAFANA_DIR);

    @Test
    void shouldFindTheFleetThePeerAndThePipelineDashboards() {
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly(
                "tunnelwatch-fleet-overview.json", "tunnelwatch-peer-drill-down.json",
                "tunnelwatch-pipeline-health.json");
    }

    @Test
    void shouldGiveEveryDashboardACurrentSchemaAUniqueUidAndATitle() {
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = GrafanaDashboards.read(file);
            assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion of %s", file).isGreaterThanOrEqualTo(39);
            assertThat(dashboard.path("title").asText()).as("title of %s", file).startsWith("tunnelwatch / ");
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid of %s", file).isTrue();
            assertThat(dashboard.path("id").isNull()).as("%s carries no database id", file).isTrue();
            assertThat(dashboard.path("panels")).as("panels of %s", file).isNotEmpty();
        }
    }

    @Test
    void shouldOfferAPrometheusDatasourceVariableThatEveryPanelTargetAndVariableUses() {
        for (Path file : files) {
            JsonNode dashboard = GrafanaDashboards.read(file);
            assertThat(variables(dashboard)).as("variables of %s", file).anySatisfy(v -> {
                assertThat(v.path("name").asText()).isEqualTo("datasource");
                assertThat(v.path("type").asText()).isEqualTo("datasource");
                assertThat(v.path("query").asText()).isEqualTo("prometheus");
            });
            for (JsonNode variable : variables(dashboard)) {
                if (variable.path("type").asText().equals("query")) {
                    assertThat(datasourceUid(variable)).as("variable %s of %s", variable.path("name"), file)
                            .isEqualTo(DATASOURCE);
                }
            }
            for (JsonNode panel : GrafanaDashboards.panels(dashboard)) {
                String where = "panel '" + panel.path("title").asText() + "' of " + file;
                if (panel.path("targets").isEmpty()) {
                    assertThat(panel.path("type").asText()).as("%s has no query", where).isIn("row", "text");
                    continue;
                }
                assertThat(datasourceUid(panel)).as(where).isEqualTo(DATASOURCE);
                assertThat(panel.path("datasource").path("type").asText()).as(where).isEqualTo("prometheus");
                for (JsonNode target : panel.path("targets")) {
                    assertThat(datasourceUid(target)).as("target %s of %s", target.path("refId"), where)
                            .isEqualTo(DATASOURCE);
                    assertThat(target.path("expr").asText()).as("target %s of %s", target.path("refId"), where)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void shouldOfferDeviceInEveryDashboardAndPeerInTheDrillDownFromLabelValues() {
        for (Path file : files) {
            JsonNode dashboard = GrafanaDashboards.read(file);
            Map<String, JsonNode> byName = new TreeMap<>();
            variables(dashboard).forEach(v -> byName.put(v.path("name").asText(), v));
            List<String> wanted = file.getFileName().toString().contains("peer")
                    ? List.of("device", "peer") : List.of("device");
            for (String name : wanted) {
                assertThat(byName).as("variables of %s", file).containsKey(name);
                assertThat(byName.get(name).path("type").asText()).isEqualTo("query");
                assertThat(GrafanaDashboards.variableQuery(byName.get(name)))
                        .as("query of $%s in %s", name, file).matches("label_values\\(.+, " + name + "\\)");
            }
        }
    }

    @Test
    void shouldGiveEveryPanelOfADashboardItsOwnId() {
        for (Path file : files) {
            List<Integer> ids = GrafanaDashboards.panels(GrafanaDashboards.read(file)).stream()
                    .map(p -> p.path("id").asInt(-1)).toList();
            assertThat(ids).as("panel ids of %s", file).doesNotContain(-1).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldPlaceNoPanelOverAnother() {
        for (Path file : files) {
            assertThat(layoutProblems(GrafanaDashboards.read(file))).as("layout of %s", file).isEmpty();
        }
    }

    @Test
    void shouldSeeOverlapsAndPanelsOutsideTheGridOrAboveTheirRow() throws Exception {
        JsonNode dashboard = JSON.readTree("""
                {"panels": [
                  {"id": 1, "title": "a", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}},
                  {"id": 2, "title": "b", "gridPos": {"x": 8, "y": 4, "w": 8, "h": 8}},
                  {"id": 3, "title": "c", "gridPos": {"x": 20, "y": 0, "w": 8, "h": 2}},
                  {"id": 4, "title": "r", "type": "row", "collapsed": true, "gridPos": {"x": 0, "y": 12, "w": 24, "h": 1},
                   "panels": [
                     {"id": 5, "title": "d", "gridPos": {"x": 0, "y": 13, "w": 12, "h": 4}},
                     {"id": 6, "title": "e", "gridPos": {"x": 6, "y": 14, "w": 12, "h": 4}},
                     {"id": 7, "title": "f", "gridPos": {"x": 0, "y": 2, "w": 12, "h": 4}}
                   ]},
                  {"id": 8, "title": "g", "gridPos": {"x": 0, "y": 13, "w": 24, "h": 4}}
                ]}
                """);

        assertThat(layoutProblems(dashboard)).containsExactlyInAnyOrder(
                "'a' and 'b' overlap",
                "'c' goes beyond the 24 columns",
                "'d' and 'e' overlap",
                "'f' is above its row 'r'");
    }

    @Test
    void shouldReadOnlyMetricsThatDocsMetricsListsOrTheRecordingRulesWrite() {
        Set<String> known = new HashSet<>(MetricsDoc.documented());
        RuleFiles.rules().stream().filter(r -> !r.isAlert()).forEach(r -> known.add(r.record()));
        Map<String, String> unknown = new TreeMap<>();
        for (DashboardQuery query : GrafanaDashboards.queries(GrafanaDashboards.GRAFANA_DIR,
                Map.of("device", "rtr-01", "peer", "192.0.2.1", "instance", ".*"))) {
            for (String metric : PromqlMetricNames.of(query.expr())) {
                if (!MetricsDoc.lists(known, metric)) {
                    unknown.put(metric, query.dashboard() + " / " + query.panel());
                }
            }
        }
        assertThat(unknown).as("metric a dashboard reads, neither in %s nor recorded by a rule",
                MetricsDoc.METRICS_DOC).isEmpty();
    }

    @Test
    void shouldReadTheFleetAggregatesFromTheRecordingRules() {
        Set<String> recorded = new HashSet<>();
        RuleFiles.rules().stream().filter(r -> !r.isAlert()).forEach(r -> recorded.add(r.record()));
        Set<String> read = new HashSet<>();
        GrafanaDashboards.queries(GrafanaDashboards.GRAFANA_DIR,
                        Map.of("device", "rtr-01", "peer", "192.0.2.1", "instance", ".*"))
                .forEach(q -> read.addAll(PromqlMetricNames.of(q.expr())));
        assertThat(read).as("recording rules no dashboard reads").containsAll(recorded);
    }

    /**
     * Rectangles of the top-level panels (rows one unit high) must not meet, nor those of a collapsed row's panels,
     * which Grafana lays out below the row when it opens; every panel stays within the 24 columns.
     */
    static List<String> layoutProblems(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> topLevel = StreamSupport.stream(dashboard.path("panels").spliterator(), false).toList();
        problems.addAll(overlaps(topLevel));
        for (JsonNode panel : topLevel) {
            List<JsonNode> nested = StreamSupport.stream(panel.path("panels").spliterator(), false).toList();
            problems.addAll(overlaps(nested));
            for (JsonNode inRow : nested) {
                if (inRow.path("gridPos").path("y").asInt() <= panel.path("gridPos").path("y").asInt()) {
                    problems.add("'" + title(inRow) + "' is above its row '" + title(panel) + "'");
                }
            }
        }
        return problems;
    }

    private static List<String> overlaps(List<JsonNode> panels) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            JsonNode a = panels.get(i).path("gridPos");
            if (a.path("x").asInt() + a.path("w").asInt() > GRID_WIDTH || a.path("w").asInt() < 1
                    || a.path("h").asInt() < 1) {
                problems.add("'" + title(panels.get(i)) + "' goes beyond the 24 columns");
            }
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode b = panels.get(j).path("gridPos");
                if (meet(a, b, "x", "w") && meet(a, b, "y", "h")) {
                    problems.add("'" + title(panels.get(i)) + "' and '" + title(panels.get(j)) + "' overlap");
                }
            }
        }
        return problems;
    }

    private static boolean meet(JsonNode a, JsonNode b, String start, String length) {
        int aStart = a.path(start).asInt();
        int bStart = b.path(start).asInt();
        return aStart < bStart + b.path(length).asInt() && bStart < aStart + a.path(length).asInt();
    }

    private static String title(JsonNode panel) {
        return panel.path("title").asText();
    }

    private static List<JsonNode> variables(JsonNode dashboard) {
        return StreamSupport.stream(dashboard.path("templating").path("list").spliterator(), false).toList();
    }

    private static String datasourceUid(JsonNode node) {
        return node.path("datasource").path("uid").asText();
    }
}
