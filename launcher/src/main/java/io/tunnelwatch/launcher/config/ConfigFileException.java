package io.tunnelwatch.launcher.config;

/**
 * A configuration file that cannot be used, in one line saying where and why, e.g.
 * {@code tunnelwatch.yaml line 4: unknown key 'stuckAftr' under 'detectors' (known: ...)}. A configuration mistake:
 * the CLI prints the message and exits with the usage code.
 */
public final class ConfigFileException extends IllegalArgumentException {

    public ConfigFileException(String message) {
        super(message);
    }

    static ConfigFileException at(String file, int line, String reason) {
        return new ConfigFileException(file + (line > 0 ? " line " + line : "") + ": " + reason);
    }
}
