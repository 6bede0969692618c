package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.dashboards.RuleFiles.Rule;
import io.tunnelwatch.dashboards.RuleFiles.TemplateQuery;
import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.verdict.AlertType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The peer-alert rules against the streams app's own alerts: one rule per {@link AlertType}, with its severity, and a
 * page that carries the summary of {@link RunbookTexts}, the cause and the first commands the streams app exports in
 * {@code tunnelwatch_peer_alert_diagnosis} for that very alert, and the link to the peer's page; and the promtool tests
 * fed with info series shaped like the ones the streams app exports.
 */
class PeerAlertRulesTest {

    private static final String CATCH_ALL = "TunnelwatchPeerAlertWithoutRule";
    private static final String PEER_PAGE = "/peers/{{ $labels.device | urlquery }}/{{ $labels.peer | urlquery }}";
    private static final Pattern BASE_URL = Pattern.compile("http://[^/\\s']+");
    private static final String INFO_QUERY =
            "topk(1, timestamp(tunnelwatch_peer_alert_diagnosis{device=%q,peer=%q,alert=%q}))";
    private static final List<String> INFO_ARGS = List.of("$labels.device", "$labels.peer", "$labels.alert");
    /** A runbook placeholder such as {@code <src-if>}: a page must never hold one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");
    private static final Pattern SERIES_LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** How many commands the streams app puts in a page at most. */
    private static final int MAX_PAGE_COMMANDS = 4;

    private final Map<String, Rule> rules = RuleFiles.rulesOf(RuleFiles.PEER_ALERTS).stream()
            .collect(Collectors.toMap(Rule::alert, Function.identity()));

    @Test
    void shouldHaveARuleForEveryTunnelwatchAlertAndNoOther() {
        Set<String> names = new TreeSet<>(rules.keySet());
        names.remove(CATCH_ALL);
        assertThat(names).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AlertType.values()).map(AlertType::alertName).toList());
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldPageForTheOpenAlertWithItsSeverity(AlertType type) {
        Rule rule = rules.get(type.alertName());
        assertThat(rule.expr()).contains("tunnelwatch_peer_alert{alert=\"" + type.alertName() + "\"}");
        assertThat(rule.expr()).as("the info labels stay out of the alert's identity")
                .doesNotContain("tunnelwatch_peer_alert_diagnosis");
        assertThat(rule.labels()).containsEntry("severity", type.severity().label());
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldCarryTheSummaryAndReadTheCauseAndCommandsOfItsOwnAlert(AlertType type) {
        Rule rule = rules.get(type.alertName());
        assertThat(rule.annotations().get("summary")).contains("{{ $labels.device }}");
        String description = rule.annotations().get("description");
        assertThat(description).contains("{{ $labels.device }}", "{{ $labels.layer }}", RunbookTexts.summary(type));
        assertReadsItsOwnInfoSeries(rule);
    }

    @Test
    void shouldLetTheCatchAllReadTheSummaryCauseAndCommandsTunnelwatchExports() {
        Rule rule = rules.get(CATCH_ALL);
        assertReadsItsOwnInfoSeries(rule);
        assertThat(rule.annotations().get("description")).contains("{{ label \"summary\" . }}");
    }

    @Test
    void shouldLeaveNoPlaceholderInAnyPage() {
        for (Rule rule : rules.values()) {
            for (Map.Entry<String, String> annotation : rule.annotations().entrySet()) {
                assertThat(PLACEHOLDER.matcher(annotation.getValue()).results().map(MatchResult::group))
                        .as("%s of %s", annotation.getKey(), rule.alert()).isEmpty();
            }
        }
    }

    @Test
    void shouldSendToThePeersPageWhenTheInfoSeriesIsMissing() {
        for (Rule rule : rules.values()) {
            assertThat(rule.annotations().get("description")).as(rule.alert())
                    .contains("{{- else }}", "missing (no tunnelwatch_peer_alert_diagnosis",
                            "see " + rule.annotations().get("runbook_url") + "\n{{- end }}");
        }
    }

    @ParameterizedTest
    @EnumSource(value = AlertType.class, mode = EnumSource.Mode.EXCLUDE, names = "DEVICE_SILENT")
    void shouldLinkThePeersPageAndSayHowToExplainIt(AlertType type) {
        Rule rule = rules.get(type.alertName());
        assertThat(rule.annotations().get("summary")).contains("{{ $labels.peer }}", "{{ $labels.layer }}");
        assertThat(rule.annotations().get("runbook_url")).endsWith(PEER_PAGE);
        assertThat(rule.annotations().get("description"))
                .contains("tunnelwatch explain --url ", " {{ $labels.device }} {{ $labels.peer }}");
    }

    @Test
    void shouldLeaveToTheCatchAllExactlyTheAlertsWithoutARule() {
        Matcher known = Pattern.compile("alert!~\"([^\"]+)\"").matcher(rules.get(CATCH_ALL).expr());
        assertThat(known.find()).isTrue();
        assertThat(known.group(1).split("\\|")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AlertType.values()).map(AlertType::alertName).toList());
    }

    @Test
    void shouldPointEveryLinkAtOneTunnelwatchAddressSoOneEditMovesThemAll() {
        Set<String> bases = new TreeSet<>();
        for (Rule rule : rules.values()) {
            for (String annotation : rule.annotations().values()) {
                BASE_URL.matcher(annotation).results().forEach(m -> bases.add(m.group()));
            }
        }
        assertThat(bases).containsExactly("http://127.0.0.1:9400");
    }

    @Test
    void shouldFeedThePromtoolTestsInfoSeriesShapedLikeTheStreamsAppExportsThem() {
        List<Map<String, String>> infos = infoSeriesOfThePromtoolTests();
        assertThat(infos).isNotEmpty();
        for (Map<String, String> info : infos) {
            Optional<AlertType> type = Arrays.stream(AlertType.values())
                    .filter(t -> t.alertName().equals(info.get("alert"))).findFirst();
            if (type.isEmpty()) {
                continue;
            }
            assertThat(info.get("summary")).as("summary of %s", info).isEqualTo(RunbookTexts.summary(type.get()));
            assertThat(info.get("cause")).as("cause of %s", info).isNotBlank().doesNotContain("\n");
            String commands = info.getOrDefault("commands", "");
            assertThat(commands.isEmpty() ? List.of() : List.of(commands.split("\n")))
                    .as("commands of %s", info).hasSizeLessThanOrEqualTo(MAX_PAGE_COMMANDS)
                    .allSatisfy(c -> assertThat(c).doesNotStartWith("!").doesNotContainPattern(PLACEHOLDER));
            assertThat(runbookOrderOf(type.get(), info.get("peer"), commands))
                    .as("each command of %s is one of the runbook's, in its order", info).isSorted()
                    .doesNotHaveDuplicates().doesNotContain(-1);
        }
    }

    private static void assertReadsItsOwnInfoSeries(Rule rule) {
        List<TemplateQuery> queries = rule.annotationQueries();
        assertThat(queries).as("queries of %s", rule.alert())
                .containsExactly(new TemplateQuery(INFO_QUERY, INFO_ARGS));
        assertThat(rule.annotations().get("description"))
                .contains("{{ label \"cause\" . }}", "{{- with label \"commands\" . }}");
    }

    /** For each command line, the index of the runbook command it fills in; -1 for one that is none of them. */
    private static List<Integer> runbookOrderOf(AlertType type, String peer, String commands) {
        List<String> runbook = RunbookTexts.templates(type);
        List<Integer> order = new ArrayList<>();
        for (String command : commands.isEmpty() ? new String[0] : commands.split("\n")) {
            int index = -1;
            for (int i = 0; i < runbook.size() && index < 0; i++) {
                if (filledIn(runbook.get(i), peer).matcher(command).matches()) {
                    index = i;
                }
            }
            order.add(index);
        }
        return order;
    }

    /** A runbook command as a pattern: {@code <peer>} is the peer, any other placeholder one word. */
    private static Pattern filledIn(String template, String peer) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(template.substring(at, placeholder.start())));
            regex.append(placeholder.group().equals("<peer>") ? Pattern.quote(peer) : "\\S+");
            at = placeholder.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).toString());
    }

    private static List<Map<String, String>> infoSeriesOfThePromtoolTests() {
        List<Map<String, String>> infos = new ArrayList<>();
        JsonNode tests = RuleFiles.read(RuleFiles.TESTS_DIR.resolve("tunnelwatch-peer-alerts_test.yml")).path("tests");
        for (JsonNode test : tests) {
            for (JsonNode input : test.path("input_series")) {
                String series = input.path("series").asText();
                if (series.startsWith("tunnelwatch_peer_alert_diagnosis{")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    SERIES_LABEL.matcher(series).results().forEach(m -> labels.put(m.group(1), unescape(m.group(2))));
                    infos.add(labels);
                }
            }
        }
        return infos;
    }

    /** A PromQL double-quoted string's content: {@code \n} is a line break, {@code \"} and {@code \\} themselves. */
    private static String unescape(String quoted) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                text.append(next == 'n' ? '\n' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
