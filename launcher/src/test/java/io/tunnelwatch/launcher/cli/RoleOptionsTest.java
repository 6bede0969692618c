package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.launcher.allinone.PipelineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each role, started with only the options README.md and docs/kafka-cluster.md give it, validates only the options
 * it uses: a setting for another role (here from the environment, as a container shares one env file) stops no one.
 */
class RoleOptionsTest {

    /** Options the streams role does not use, each invalid. */
    private static final Map<String, String> BAD_SYSLOG = Map.of("TUNNELWATCH_SYSLOG_UDP_BUFFER", "0",
            "TUNNELWATCH_SYSLOG_MAX_CONNECTIONS", "0");
    /** An option the collector role does not use, invalid. */
    private static final Map<String, String> BAD_DETECTOR = Map.of("TUNNELWATCH_STUCK_AFTER", "0");

    private static PipelineConfig config(Map<String, String> environment, String... args) {
        CommandLine cli = new CommandLine(new Root());
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return ((RoleCommand) parsed.subcommand().commandSpec().userObject()).config();
    }

    @Test
    void shouldStartTheStreamsRoleWithTheReadmeCommandWithoutAnySyslogListener() {
        PipelineConfig config = config(BAD_SYSLOG, "streams", "--bootstrap-servers", "127.0.0.1:9092",
                "--http-port", "9401");

        assertThat(config.runStreams()).isTrue();
        assertThat(config.runCollector()).isFalse();
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.httpPort()).isEqualTo(9401);
        assertThat(config.syslog().udpPort()).isEqualTo(-1);
        assertThat(config.syslog().tcpPort()).isEqualTo(-1);
        assertThat(config.syslog().tlsEnabled()).isFalse();
    }

    @Test
    void shouldStartTheStreamsRoleWithTheKafkaClusterDocsCommand() {
        PipelineConfig config = config(BAD_SYSLOG, "streams", "--bootstrap-servers", "kafka1:9092", "--http-port",
                "9401", "--data-dir", "/var/lib/tunnelwatch");

        assertThat(config.dataDirectory()).hasToString("/var/lib/tunnelwatch");
        assertThat(config.runStreams()).isTrue();
    }

    @Test
    void shouldStartTheCollectorRoleWithTheDocsCommandWhateverTheDetectorSettings() {
        PipelineConfig config = config(BAD_DETECTOR, "collector", "--bootstrap-servers", "kafka1:9092",
                "--http-port", "9400");

        assertThat(config.runCollector()).isTrue();
        assertThat(config.runStreams()).isFalse();
        assertThat(config.syslog().udpPort()).isEqualTo(5514);
    }

    @Test
    void shouldStillCheckTheSyslogOptionsOfTheCollectorRole() {
        assertThatThrownBy(() -> config(BAD_SYSLOG, "collector", "--bootstrap-servers", "kafka1:9092"))
                .hasMessageContaining("--syslog-");
    }

    @Test
    void shouldStillCheckTheDetectorSettingsOfTheStreamsRole() {
        assertThatThrownBy(() -> config(BAD_DETECTOR, "streams", "--bootstrap-servers", "kafka1:9092"))
                .hasMessageContaining("--stuck-after");
    }

    @Test
    void shouldStartTheAllInOneWithTheReadmeCommands() {
        assertThat(config(Map.of(), "run").embedded()).isTrue();
        PipelineConfig cluster = config(Map.of(), "run", "--bootstrap-servers", "kafka1:9092,kafka2:9092,kafka3:9092");
        assertThat(cluster.runCollector()).isTrue();
        assertThat(cluster.runStreams()).isTrue();
        assertThat(cluster.bootstrapServers()).isEqualTo("kafka1:9092,kafka2:9092,kafka3:9092");
    }

    @CommandLine.Command(name = "tunnelwatch",
            subcommands = {RunCommand.class, CollectorCommand.class, StreamsCommand.class})
    static final class Root {
    }
}
