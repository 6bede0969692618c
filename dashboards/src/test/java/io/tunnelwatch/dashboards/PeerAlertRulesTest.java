package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.dashboards.RuleFiles.Rule;
import io.tunnelwatch.streams.alert.AlertType;
import io.tunnelwatch.streams.alert.Placeholders;
import io.tunnelwatch.streams.alert.RunbookTexts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The peer-alert rules against the streams app's own alerts: one rule per {@link AlertType}, with its severity, and a
 * page that carries the cause and the first runbook commands of {@link RunbookTexts}, the peer filled in from the
 * alert's labels, and the link to the peer's page.
 */
class PeerAlertRulesTest {

    private static final String CATCH_ALL = "TunnelwatchPeerAlertWithoutRule";
    private static final String PEER_PAGE = "/peers/{{ $labels.device | urlquery }}/{{ $labels.peer | urlquery }}";
    private static final Pattern BASE_URL = Pattern.compile("http://[^/\\s']+");

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
        assertThat(rule.labels()).containsEntry("severity", type.severity().label());
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldCarryTheCauseAndTheFirstCommandsWithThePeerFilledIn(AlertType type) {
        Rule rule = rules.get(type.alertName());
        assertThat(rule.annotations().get("summary")).contains("{{ $labels.device }}");
        String description = rule.annotations().get("description");
        assertThat(description).contains("{{ $labels.device }}", "{{ $labels.layer }}", RunbookTexts.summary(type));
        List<String> commands = RunbookTexts.commands(type, new Placeholders("{{ $labels.peer }}", null, null, null));
        assertThat(description).contains(commands.subList(0, Math.min(3, commands.size())));
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
}
