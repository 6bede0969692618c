package io.tunnelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards ({@code grafana/*.json}, Grafana's classic dashboard JSON model, schemaVersion 39) and the
 * PromQL they run, with the template variables substituted as Grafana would before sending a query to Prometheus.
 */
final class GrafanaDashboards {

    static final Path GRAFANA_DIR = Path.of("grafana");

    /**
     * Grafana's own interval variables, used where the caller gives no value: {@code $__rate_interval} must cover at
     * least four scrapes, {@code $__range} is the dashboard's time range.
     */
    static final Map<String, String> BUILT_IN_DEFAULTS =
            Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "1h");

    /**
     * One query of a dashboard: the PromQL of a panel's target, or of a query variable. A variable's
     * {@code label_values(selector, label)} becomes {@code group by (label) (selector)}, which returns a series for
     * each value the variable would offer; its panel is {@code variable <name>}.
     */
    record DashboardQuery(String dashboard, String panel, String expr) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code ${name}}, {@code ${name:format}} or {@code $name}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\s*\\)", Pattern.DOTALL);

    private GrafanaDashboards() {
    }

    /** The dashboard files of {@code grafanaDir}, sorted by name. */
    static List<Path> files(Path grafanaDir) {
        try (Stream<Path> files = Files.list(grafanaDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + grafanaDir.toAbsolutePath(), e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every panel of the dashboard, rows and the panels nested in collapsed rows included, in file order. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /**
     * Every query of every dashboard in {@code grafanaDir}, with {@code variables} ({@code device}, {@code peer}, …,
     * and optionally Grafana's {@code __rate_interval}, {@code __interval}, {@code __range}) substituted.
     *
     * @throws IllegalArgumentException for a variable neither given nor built in
     */
    static List<DashboardQuery> queries(Path grafanaDir, Map<String, String> variables) {
        Map<String, String> values = new HashMap<>(BUILT_IN_DEFAULTS);
        values.putAll(variables);
        List<DashboardQuery> queries = new ArrayList<>();
        for (DashboardQuery raw : rawQueries(grafanaDir)) {
            queries.add(new DashboardQuery(raw.dashboard(), raw.panel(), substitute(raw, values)));
        }
        return queries;
    }

    /** Every query as written in the dashboards, variables not substituted. */
    static List<DashboardQuery> rawQueries(Path grafanaDir) {
        List<DashboardQuery> queries = new ArrayList<>();
        for (Path file : files(grafanaDir)) {
            JsonNode dashboard = read(file);
            String title = dashboard.path("title").asText();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    queries.add(new DashboardQuery(title, "variable " + variable.path("name").asText(),
                            asPromql(variableQuery(variable))));
                }
            }
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new DashboardQuery(title, panel.path("title").asText(), target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    /** A query variable's query: a string, or since Grafana 10 an object whose {@code query} field holds it. */
    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText();
    }

    private static String asPromql(String variableQuery) {
        Matcher labelValues = LABEL_VALUES.matcher(variableQuery.strip());
        if (!labelValues.matches()) {
            throw new IllegalArgumentException("not label_values(selector, label): " + variableQuery);
        }
        return "group by (" + labelValues.group(2) + ") (" + labelValues.group(1).strip() + ")";
    }

    private static String substitute(DashboardQuery query, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(query.expr());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for $" + name + " in " + query);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
