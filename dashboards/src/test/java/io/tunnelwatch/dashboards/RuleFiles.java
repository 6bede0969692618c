package io.tunnelwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus rule files ({@code prometheus/rules/*.yml}, the rule-file format of Prometheus 2) and their promtool
 * unit tests ({@code prometheus/tests/*.yml}), read from this module's directory, where Maven runs the tests.
 */
final class RuleFiles {

    static final Path RULES_DIR = Path.of("prometheus", "rules");
    static final Path TESTS_DIR = Path.of("prometheus", "tests");
    static final Path PEER_ALERTS = RULES_DIR.resolve("tunnelwatch-peer-alerts.yml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code printf "<format>" $labels.a $labels.b | query} in an annotation template. */
    private static final Pattern TEMPLATE_QUERY =
            Pattern.compile("printf \"((?:[^\"\\\\]|\\\\.)*)\"((?: \\$labels\\.\\w+)*) \\| query");

    /** One recording or alerting rule; {@code alert} or {@code record} is null. */
    record Rule(Path file, String group, String alert, String record, String expr, String forDuration,
                Map<String, String> labels, Map<String, String> annotations) {

        boolean isAlert() {
            return alert != null;
        }

        String name() {
            return isAlert() ? alert : record;
        }

        /** The PromQL queries the annotation templates run through {@code query}, as printf format and arguments. */
        List<TemplateQuery> annotationQueries() {
            List<TemplateQuery> queries = new ArrayList<>();
            for (String annotation : annotations.values()) {
                TEMPLATE_QUERY.matcher(annotation).results().forEach(m -> queries.add(
                        new TemplateQuery(m.group(1), List.of(m.group(2).strip().split(" ")))));
            }
            return queries;
        }
    }

    /** A query built by {@code printf format args…}; {@link #promql()} has each {@code %q} as an empty string. */
    record TemplateQuery(String format, List<String> args) {

        String promql() {
            return format.replace("%q", "\"\"");
        }
    }

    private RuleFiles() {
    }

    static List<Path> ruleFiles() {
        return yamlFilesIn(RULES_DIR);
    }

    static List<Path> testFiles() {
        return yamlFilesIn(TESTS_DIR);
    }

    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            rules.addAll(rulesOf(file));
        }
        return rules;
    }

    static List<Rule> rulesOf(Path file) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : read(file).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(new Rule(file, group.path("name").asText(), text(rule, "alert"), text(rule, "record"),
                        text(rule, "expr"), text(rule, "for"), strings(rule.path("labels")),
                        strings(rule.path("annotations"))));
            }
        }
        return rules;
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> yamlFilesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir.toAbsolutePath(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
