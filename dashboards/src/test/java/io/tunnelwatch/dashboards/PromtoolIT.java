package io.tunnelwatch.dashboards;

import static io.tunnelwatch.dashboards.DebianTool.PROMTOOL;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.dashboards.DebianTool.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules through Debian's promtool (package {@code prometheus}): valid, free of lint findings, and passing their
 * unit tests, which in turn fail when a rule changes.
 */
class PromtoolIT {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void shouldFindEveryRuleFileValidWithoutLintFindings() throws Exception {
        Result result = promtool(HERE, List.of("check", "rules", "--lint-fatal"), RuleFiles.ruleFiles());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().split("SUCCESS", -1)).as(result.output()).hasSize(RuleFiles.ruleFiles().size() + 1);
    }

    @Test
    void shouldPassEveryUnitTestOfTheRules() throws Exception {
        Result result = promtool(HERE, List.of("test", "rules"), RuleFiles.testFiles());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }

    @Test
    void shouldFailTheUnitTestsWhenAPeerAlertPagesWithoutWaiting(@TempDir Path copy) throws Exception {
        Files.createDirectories(copy.resolve(RuleFiles.RULES_DIR));
        Files.createDirectories(copy.resolve(RuleFiles.TESTS_DIR));
        String peerAlerts = Files.readString(RuleFiles.PEER_ALERTS);
        String mutated = peerAlerts.replace("(tunnelwatch_peer_alert{alert=\"DecapsStalled\"}) == 1\n        for: 1m",
                "(tunnelwatch_peer_alert{alert=\"DecapsStalled\"}) == 1\n        for: 0s");
        assertThat(mutated).isNotEqualTo(peerAlerts);
        Files.writeString(copy.resolve(RuleFiles.PEER_ALERTS), mutated);
        Path test = RuleFiles.TESTS_DIR.resolve("tunnelwatch-peer-alerts_test.yml");
        Files.copy(test, copy.resolve(test));

        Result result = promtool(copy, List.of("test", "rules"), List.of(test));

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("FAILED", "alertname: DecapsStalled, time: 0s");
    }

    @Test
    void shouldLoadEveryRuleFileFromTheExamplePrometheusConfig() throws Exception {
        Path config = Path.of("..", "deploy", "prometheus", "prometheus.yml");
        Result result = promtool(HERE, List.of("check", "config"), List.of(config));
        assertThat(result.exitCode()).as(result.output()).isZero();
        for (Path ruleFile : RuleFiles.ruleFiles()) {
            assertThat(result.output()).contains(ruleFile.getFileName().toString());
        }
    }

    private static Result promtool(Path workDir, List<String> command, List<Path> files)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(command);
        files.forEach(f -> args.add(f.toString()));
        return PROMTOOL.run(workDir, args.toArray(String[]::new));
    }
}
