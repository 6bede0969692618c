package io.tunnelwatch.launcher;

import io.tunnelwatch.launcher.cli.CliErrors;
import io.tunnelwatch.launcher.cli.CollectorCommand;
import io.tunnelwatch.launcher.cli.DemoCommand;
import io.tunnelwatch.launcher.cli.EnvironmentDefaults;
import io.tunnelwatch.launcher.cli.ExplainCommand;
import io.tunnelwatch.launcher.cli.ParseCommand;
import io.tunnelwatch.launcher.cli.RunCommand;
import io.tunnelwatch.launcher.cli.SimulateCommand;
import io.tunnelwatch.launcher.cli.StreamsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tunnelwatch} command line: one verb per role (docs/architecture.md#command-line-roles). */
@Command(name = "tunnelwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches site-to-site IPsec tunnels on Cisco IOS-XE: syslog and SNMP in, one state machine per"
                + " tunnel peer, root-cause alerts and Prometheus metrics out.",
        subcommands = {RunCommand.class, DemoCommand.class, CollectorCommand.class, StreamsCommand.class,
            SimulateCommand.class, ParseCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class})
public final class Tunnelwatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Tunnelwatch());
        cli.setDefaultValueProvider(new EnvironmentDefaults(System.getenv()));
        cli.setParameterExceptionHandler(CliErrors::onBadParameters);
        cli.setExecutionExceptionHandler(CliErrors::onFailure);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: "
                + CliErrors.commandsOf(spec));
    }
}
