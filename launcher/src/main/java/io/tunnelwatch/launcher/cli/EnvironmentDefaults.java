package io.tunnelwatch.launcher.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every long option can also come from the environment: {@code --bootstrap-servers} from
 * {@code TUNNELWATCH_BOOTSTRAP_SERVERS}, and so on. The command line wins over the environment, the environment
 * over built-in defaults.
 */
public final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The variable that feeds an option, e.g. {@code TUNNELWATCH_SYSLOG_PORT} for {@code --syslog-port}. */
    public static String variableFor(String longOption) {
        return "TUNNELWATCH_" + longOption.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec option && option.longestName().startsWith("--")) {
            String fromEnv = environment.get(variableFor(option.longestName()));
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
        }
        return arg.defaultValue();
    }
}
