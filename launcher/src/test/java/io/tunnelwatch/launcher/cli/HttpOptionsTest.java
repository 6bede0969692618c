package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.launcher.http.HttpAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --metrics-kafka-all}: off unless given on the command line or in the environment; the endpoint's
 * credentials: from files, checked at start, errors that name the option and file but never the content.
 */
class HttpOptionsTest {

    @TempDir
    Path dir;

    private static HttpOptions parse(Map<String, String> environment, String... args) {
        HttpOptions options = new HttpOptions();
        new CommandLine(options).setDefaultValueProvider(new EnvironmentDefaults(environment)).parseArgs(args);
        return options;
    }

    @Test
    void shouldServeOnlyTheKeptKafkaMetricsByDefault() {
        assertThat(parse(Map.of()).kafkaMetricsAll).isFalse();
    }

    @Test
    void shouldServeEveryKafkaMetricWithTheOption() {
        assertThat(parse(Map.of(), "--metrics-kafka-all").kafkaMetricsAll).isTrue();
    }

    @Test
    void shouldServeEveryKafkaMetricWithTheEnvironmentVariable() {
        assertThat(parse(Map.of("TUNNELWATCH_METRICS_KAFKA_ALL", "true")).kafkaMetricsAll).isTrue();
        assertThat(parse(Map.of("TUNNELWATCH_METRICS_KAFKA_ALL", "false")).kafkaMetricsAll).isFalse();
    }

    @Test
    void anEndpointIsOpenWithoutCredentialOptions() {
        assertThat(parse(Map.of()).security().access().requiresCredentials()).isFalse();
        assertThat(parse(Map.of()).security().scheme()).isEqualTo("http");
    }

    @Test
    void theBearerTokenIsTheFirstLineOfItsFileAlsoFromTheEnvironment() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "abc-123\nignored\n");
        assertThat(parse(Map.of("TUNNELWATCH_HTTP_BEARER_TOKEN_FILE", token.toString())).security().access())
                .isEqualTo(HttpAccess.bearer("abc-123"));
    }

    @Test
    void credentialMistakesNameTheOptionAndFileButNotTheContent() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path password = Files.writeString(dir.resolve("pw"), "hunter2\n");
        assertThatThrownBy(() -> parse(Map.of(), "--http-bearer-token-file", empty.toString()).security())
                .hasMessage("--http-bearer-token-file " + empty + ": the bearer token is empty");
        assertThatThrownBy(() -> parse(Map.of(), "--http-bearer-token-file", dir.resolve("nope").toString())
                .security()).hasMessageStartingWith("--http-bearer-token-file: cannot read " + dir.resolve("nope"));
        assertThatThrownBy(() -> parse(Map.of(), "--http-basic-auth-user", "prom").security())
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> parse(Map.of(), "--http-basic-auth-user", "prom", "--http-basic-auth-password-file",
                password.toString(), "--http-bearer-token-file", password.toString()).security())
                .hasMessageContaining("choose one").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse(Map.of(), "--http-tls-cert", password.toString()).security())
                .hasMessage("--http-tls-cert and --http-tls-key go together");
    }
}
