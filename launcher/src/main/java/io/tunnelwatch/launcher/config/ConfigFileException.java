package io.tunnelwatch.launcher.config;

/**
 * A configuration file that cannot be used, in one line saying where and why, e.g.
 * {@code tunnelwatch.yaml line 4: unknown key 'stuckAftr' under 'detectors' (known: ...)}, and, when the mistake is at
 * a place in the file, that line with a caret under the place ({@link #excerpt()}). A configuration mistake: the CLI
 * prints the message and the excerpt and exits with the usage code.
 */
public final class ConfigFileException extends IllegalArgumentException {

    private final String excerpt;

    public ConfigFileException(String message) {
        this(message, null);
    }

    /** @param excerpt the offending line and a caret line, or null */
    public ConfigFileException(String message, String excerpt) {
        super(message);
        this.excerpt = excerpt;
    }

    /** The offending line and a caret under the place, as two lines; null when the mistake has no place. */
    public String excerpt() {
        return excerpt;
    }
}
