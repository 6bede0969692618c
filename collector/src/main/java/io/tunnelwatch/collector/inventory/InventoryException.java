package io.tunnelwatch.collector.inventory;

/**
 * An inventory file that cannot be used, with one line saying where and why, e.g.
 * {@code inventory.yaml line 7: device 'rtr-2' repeats address 192.0.2.1 of 'rtr-1'}, and, when the mistake is at a
 * place in the file, that line with a caret under the place ({@link #excerpt()}). An {@link IllegalArgumentException}
 * because it is a configuration mistake: the CLI prints the message, the excerpt below it, and exits.
 */
public final class InventoryException extends IllegalArgumentException {

    private final String excerpt;

    public InventoryException(String message) {
        this(message, (String) null);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
        this.excerpt = null;
    }

    /** @param excerpt the offending line and a caret line ({@link SourceExcerpt}), or null */
    public InventoryException(String message, String excerpt) {
        super(message);
        this.excerpt = excerpt;
    }

    /** The offending line and a caret under the place, as two lines; null when the mistake has no place. */
    public String excerpt() {
        return excerpt;
    }
}
