package io.tunnelwatch.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/compose/compose.yaml checked against the jar's options, its loaders and the repository's files. */
class ComposeFileTest {

    private static final Path REPOSITORY = RepositoryFiles.repository();
    private static final Path DIRECTORY = REPOSITORY.resolve("deploy/compose");
    private static final String VERSION = RepositoryFiles.projectVersion(REPOSITORY);

    private static String composeFile() throws IOException {
        return Files.readString(DIRECTORY.resolve("compose.yaml"));
    }

    @Test
    void shouldFindTheComposeFileTrueToTheJarAndTheRepository() throws IOException {
        assertThat(ComposeCheck.problems(composeFile(), DIRECTORY, REPOSITORY, VERSION)).isEmpty();
    }

    /** A mistake: {@code from} becomes {@code to} (first place only); a problem must contain all of {@code says}. */
    private static Arguments mistake(String what, String from, String to, String... says) {
        return Arguments.of(what, from, to, List.of(says));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("an option the role does not have", "command: [collector, --inventory",
                        "command: [collector, --inventory-file", "collector", "--inventory-file"),
                mistake("an environment variable the jar does not read", "TUNNELWATCH_KAFKA_TIMEOUT",
                        "TUNNELWATCH_KAFKA_TIMEOUT_SECONDS", "TUNNELWATCH_KAFKA_TIMEOUT_SECONDS is read by no option"),
                mistake("a key the compose model does not have", "    restart: unless-stopped",
                        "    restarts: unless-stopped", "restarts"),
                mistake("a published port the options do not open", "\"1162:1162/udp\"", "\"162:162/udp\"",
                        "collector: publishes", "UDP/162"),
                mistake("a mounted file that does not exist", "../inventory.example.yaml",
                        "../inventory.yaml", "collector: mounts ../inventory.yaml, which does not exist"),
                mistake("a file option on no mount", "command: [streams, --config, /etc/tunnelwatch/tunnelwatch.yaml]",
                        "command: [streams, --config, /srv/tunnelwatch.yaml]",
                        "streams-1: --config /srv/tunnelwatch.yaml is bind-mounted from no file"),
                mistake("a file the jar's loader refuses", "../tunnelwatch.example.yaml:/etc",
                        "../inventory.example.yaml:/etc", "streams-1: --config", "unknown key"),
                mistake("a collector whose spool is on no volume",
                        "      - collector-spool:/var/lib/tunnelwatch\n    depends_on", "    depends_on",
                        "collector: the spool /var/lib/tunnelwatch/spool", "is on no named volume"),
                mistake("two instances on one state volume", "streams-2-state:/var/lib/tunnelwatch",
                        "streams-1-state:/var/lib/tunnelwatch", "shares its state volume streams-1-state"),
                mistake("instances with different application ids", "TUNNELWATCH_APPLICATION_ID: tunnelwatch\n"
                        + "      TUNNELWATCH_DATA_DIR: /var/lib/tunnelwatch\n    ports:\n      - \"9402",
                        "TUNNELWATCH_APPLICATION_ID: tunnelwatch-2\n"
                        + "      TUNNELWATCH_DATA_DIR: /var/lib/tunnelwatch\n    ports:\n      - \"9402",
                        "different application ids"),
                mistake("a Kafka address no broker advertises", "TUNNELWATCH_BOOTSTRAP_SERVERS: kafka:9092",
                        "TUNNELWATCH_BOOTSTRAP_SERVERS: kafka:29092", "collector: --bootstrap-servers kafka:29092"),
                mistake("a Kafka image other than the jar's clients", "image: apache/kafka:",
                        "image: apache/kafka:3.0.0-", "is not the Kafka the jar's clients are"),
                mistake("an image the Dockerfile does not build", "image: tunnelwatch:", "image: tunnelwatch:x",
                        "image tunnelwatch:x"),
                mistake("rules mounted from elsewhere", "../../dashboards/prometheus/rules:/etc/prometheus/rules",
                        "../../dashboards/prometheus/tests:/etc/prometheus/rules",
                        "rule_files /etc/prometheus/rules/*.yml are not dashboards/prometheus/rules"),
                mistake("dashboards provisioned from elsewhere", "../../dashboards/grafana:",
                        "../../dashboards/alertmanager:", "dashboards are provisioned from"),
                mistake("a Prometheus with no configuration of the repository",
                        "./prometheus.yml:/etc/prometheus/prometheus.yml", "./prometheus.yml:/etc/prometheus/other.yml",
                        "prometheus: --config.file=/etc/prometheus/prometheus.yml is bind-mounted from no file"));
    }

    @ParameterizedTest(name = "shouldReport {0}")
    @MethodSource("mistakes")
    void shouldReportEveryMistakeOfTheComposeFile(String what, String from, String to, List<String> says)
            throws IOException {
        String text = composeFile();
        assertThat(text).as("the text to change").contains(from);
        String changed = text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to));
        assertThat(ComposeCheck.problems(changed, DIRECTORY, REPOSITORY, VERSION))
                .anySatisfy(problem -> assertThat(problem).contains(says));
    }
}
