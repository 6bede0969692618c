package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.broker.BrokerStartException;
import io.tunnelwatch.collector.transport.ListenerStartException;
import io.tunnelwatch.collector.yaml.YamlFileException;
import io.tunnelwatch.launcher.allinone.StartupException;
import io.tunnelwatch.launcher.config.ConfigFileException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * How mistakes end: one line saying what is wrong and a non-zero exit, never a stack trace. Usage mistakes exit 2,
 * start-up failures (port in use, Kafka unreachable) exit 1; several problems found before starting (a held data
 * directory, ports in use) are listed together, one line each. An unknown command or option is answered with the
 * closest known ones; a mistake in a YAML file is followed by the offending line with a caret under the place.
 */
public final class CliErrors {

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    private CliErrors() {
    }

    public static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String message = e instanceof CommandLine.UnmatchedArgumentException u ? unmatched(u) : e.getMessage();
        err.println("tunnelwatch: " + message + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')");
        printExcerpt(err, e);
        err.flush();
        return USAGE;
    }

    public static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof StartupException s && s.problems().size() > 1) {
            err.println("tunnelwatch: cannot start, " + s.problems().size() + " problems:");
            s.problems().forEach(p -> err.println("  - " + oneLine(p)));
        } else if (e instanceof StartupException || e instanceof BrokerStartException
                || e instanceof ListenerStartException || e instanceof IllegalArgumentException) {
            err.println("tunnelwatch: " + oneLine(e.getMessage()));
            printExcerpt(err, e);
        } else {
            LoggerFactory.getLogger(CliErrors.class).debug("Failed", e);
            err.println("tunnelwatch: failed: " + oneLine(String.valueOf(e)));
        }
        err.flush();
        return FAILURE;
    }

    /** The commands of {@code spec}, in the order of its help. */
    public static String commandsOf(CommandSpec spec) {
        return String.join(", ", spec.subcommands().keySet());
    }

    /**
     * Only the first unmatched argument is reported: after an unknown option, the next argument is most likely its
     * value, not a second mistake.
     */
    private static String unmatched(CommandLine.UnmatchedArgumentException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.get(0);
        if (first.startsWith("-") && first.length() > 1) {
            return unknownOption(spec, first.contains("=") ? first.substring(0, first.indexOf('=')) : first);
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return "unknown command '" + first + "'" + didYouMean(ClosestNames.to(first,
                    spec.subcommands().keySet())) + " The commands: " + commandsOf(spec) + ".";
        }
        return "unexpected argument '" + first + "'";
    }

    private static String unknownOption(CommandSpec spec, String option) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            names.addAll(List.of(o.names()));
        }
        List<String> closest = ClosestNames.to(option, names);
        if (!closest.isEmpty()) {
            return "unknown option '" + option + "'" + didYouMean(closest);
        }
        List<String> commandsWithIt = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().findOption(option) != null) {
                commandsWithIt.add(sub.getKey());
            }
        }
        return "unknown option '" + option + "'" + (commandsWithIt.isEmpty() ? ""
                : "; it is an option of " + String.join(", ", commandsWithIt) + ": put it after the command, e.g. '"
                + spec.qualifiedName() + " " + commandsWithIt.get(0) + " " + option + "'");
    }

    private static String didYouMean(List<String> closest) {
        if (closest.isEmpty()) {
            return ".";
        }
        return "; did you mean " + String.join(" or ", closest.stream().map(n -> "'" + n + "'").toList()) + "?";
    }

    /** The offending line of a file, below the one-line message, when the mistake is at a place in a file. */
    private static void printExcerpt(PrintWriter err, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String excerpt = t instanceof YamlFileException y ? y.excerpt()
                    : t instanceof ConfigFileException c ? c.excerpt() : null;
            if (excerpt != null) {
                err.println(excerpt);
                return;
            }
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }
}
