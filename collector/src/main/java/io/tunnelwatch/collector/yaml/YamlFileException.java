package io.tunnelwatch.collector.yaml;

/**
 * A YAML file that cannot be read or holds a mistake, in one line saying where and why, e.g.
 * {@code tunnelwatch.yaml line 4, column 3: not valid YAML: ...}, and, when the mistake is at a place in the file,
 * that line with a caret under the place ({@link #excerpt()}). Says nothing about what the file configures: the
 * reader of an inventory or of a configuration file turns it into its own error. An
 * {@link IllegalArgumentException} because it is a configuration mistake: the CLI prints the message and the excerpt.
 */
public class YamlFileException extends IllegalArgumentException {

    private final String excerpt;

    public YamlFileException(String message) {
        this(message, (String) null);
    }

    public YamlFileException(String message, Throwable cause) {
        super(message, cause);
        this.excerpt = null;
    }

    /** @param excerpt the offending line and a caret line ({@link SourceExcerpt}), or null */
    public YamlFileException(String message, String excerpt) {
        super(message);
        this.excerpt = excerpt;
    }

    /** The offending line and a caret under the place, as two lines; null when the mistake has no place. */
    public String excerpt() {
        return excerpt;
    }
}
