package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.collector.yaml.YamlFileException;
import io.tunnelwatch.launcher.Tunnelwatch;
import io.tunnelwatch.launcher.config.ConfigFile;
import io.tunnelwatch.launcher.config.ConfigFileException;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Usage mistakes through the real command line, as a newcomer makes them: each answered in one line that says what
 * is wrong and what was probably meant. Nothing starts: every case fails while parsing. A broken YAML file is the
 * one mistake told in more lines: the offending line and a caret under the place follow the message.
 */
class CliErrorsTest {

    private record Outcome(int exit, String stderr) {
    }

    private static Outcome execute(String... args) {
        CommandLine cli = Tunnelwatch.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute(args);
        return new Outcome(exit, err.toString());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a mistyped command is unknown, and the commands are listed", new String[] {"strat"},
                        "unknown command 'strat'. The commands: run, demo, collector, streams, simulate, parse,"
                                + " explain, help. (see 'tunnelwatch --help')"),
                Arguments.of("a typo of a command gets the closest one", new String[] {"explian", "rtr-1", "1.2.3.4"},
                        "unknown command 'explian'; did you mean 'explain'? The commands: run, demo, collector,"
                                + " streams, simulate, parse, explain, help. (see 'tunnelwatch --help')"),
                Arguments.of("a misspelt option is one mistake, its value none", new String[] {"run", "--sylog-port",
                    "5515"}, "unknown option '--sylog-port'; did you mean '--syslog-port'? (see 'tunnelwatch run"
                                + " --help')"),
                Arguments.of("a misspelt option with its value after '='", new String[] {"run", "--trap-prot=1162"},
                        "unknown option '--trap-prot'; did you mean '--trap-port'? (see 'tunnelwatch run --help')"),
                Arguments.of("no guess when nothing is near", new String[] {"run", "--no-such-option"},
                        "unknown option '--no-such-option' (see 'tunnelwatch run --help')"),
                Arguments.of("an option before its command", new String[] {"--syslog-port", "5515", "run"},
                        "unknown option '--syslog-port'; it is an option of run, demo, collector: put it after the"
                                + " command, e.g. 'tunnelwatch run --syslog-port' (see 'tunnelwatch --help')"),
                Arguments.of("an argument too many", new String[] {"explain", "rtr-1", "192.0.2.1", "extra"},
                        "unexpected argument 'extra' (see 'tunnelwatch explain --help')"),
                Arguments.of("no command at all", new String[0], "a command is needed: run, demo, collector,"
                        + " streams, simulate, parse, explain, help (see 'tunnelwatch --help')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void shouldAnswerAUsageMistakeInOneLineWithWhatWasProbablyMeant(String why, String[] args, String message) {
        Outcome o = execute(args);

        assertThat(o.exit).isEqualTo(CliErrors.USAGE);
        assertThat(o.stderr).isEqualTo("tunnelwatch: " + message + "\n");
    }

    @Test
    void shouldShowTheOffendingLineOfABrokenInventoryBelowTheOneLineMessage() {
        YamlFileException broken = catchThrowableOfType(YamlFileException.class,
                () -> InventoryLoader.parse("inventory.yaml", "devices:\n  - name: rtr-1\n    addresses: [192.0.2.1\n"
                        + "  - name: rtr-2\n"));
        StringWriter err = new StringWriter();
        CommandLine cli = Tunnelwatch.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = CliErrors.onFailure(broken, cli, null);

        assertThat(exit).isEqualTo(CliErrors.FAILURE);
        assertThat(err.toString()).isEqualTo("""
                tunnelwatch: inventory.yaml line 4, column 9: not valid YAML: a '[' list is not closed with ']', or a \
                ',' is missing between its items (the '[' list starts at line 3, column 16)
                  4 |   - name: rtr-2
                    |         ^
                """);
    }

    @Test
    void shouldShowTheOffendingLineOfABrokenConfigFileBelowTheUsageMessage() {
        ConfigFileException broken = catchThrowableOfType(ConfigFileException.class,
                () -> ConfigFile.parseDetectors("tunnelwatch.yaml", "detectors:\n  stuckAfter: 60s\n"
                        + "    flatSamples: 3\n", DetectorSettings.defaults()));
        StringWriter err = new StringWriter();
        CommandLine cli = Tunnelwatch.commandLine().getSubcommands().get("run");
        cli.setErr(new PrintWriter(err));

        int exit = CliErrors.onBadParameters(new CommandLine.ParameterException(cli, broken.getMessage(), broken),
                new String[0]);

        assertThat(exit).isEqualTo(CliErrors.USAGE);
        assertThat(err.toString()).isEqualTo("""
                tunnelwatch: tunnelwatch.yaml line 3, column 16: not valid YAML: a key where none can start: is the \
                line indented more than the one above, or does a value hold ': ' (then put it in quotes)? \
                (see 'tunnelwatch run --help')
                  3 |     flatSamples: 3
                    |                ^
                """);
    }

    @Test
    void shouldMeasureATranspositionAsOneEdit() {
        assertThat(ClosestNames.distance("strat", "start")).isEqualTo(1);
        assertThat(ClosestNames.distance("sylog-port", "syslog-port")).isEqualTo(1);
        assertThat(ClosestNames.distance("", "run")).isEqualTo(3);
    }
}
