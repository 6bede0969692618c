package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.broker.BrokerStartException;
import io.tunnelwatch.collector.transport.ListenerStartException;
import io.tunnelwatch.launcher.allinone.StartupException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How mistakes end: one line saying what is wrong and a non-zero exit, never a stack trace. Usage mistakes exit 2,
 * start-up failures (port in use, Kafka unreachable) exit 1.
 */
public final class CliErrors {

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    private CliErrors() {
    }

    public static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("tunnelwatch: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        return USAGE;
    }

    public static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof StartupException || e instanceof BrokerStartException || e instanceof ListenerStartException
                || e instanceof IllegalArgumentException) {
            err.println("tunnelwatch: " + oneLine(e.getMessage()));
        } else {
            LoggerFactory.getLogger(CliErrors.class).debug("Failed", e);
            err.println("tunnelwatch: failed: " + oneLine(String.valueOf(e)));
        }
        err.flush();
        return FAILURE;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }
}
