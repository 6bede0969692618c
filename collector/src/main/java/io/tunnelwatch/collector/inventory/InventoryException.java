package io.tunnelwatch.collector.inventory;

/**
 * An inventory file that cannot be used, with one line saying where and why, e.g.
 * {@code inventory.yaml line 7: device 'rtr-2' repeats address 192.0.2.1 of 'rtr-1'}. An
 * {@link IllegalArgumentException} because it is a configuration mistake: the CLI prints the message and exits.
 */
public final class InventoryException extends IllegalArgumentException {

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }

    static InventoryException at(String file, int line, String reason) {
        return new InventoryException(file + (line > 0 ? " line " + line : "") + ": " + reason);
    }
}
