package io.tunnelwatch.collector.inventory;

import io.tunnelwatch.collector.yaml.YamlFileException;

/**
 * An inventory file that is valid YAML but cannot be used as an inventory, with one line saying where and why, e.g.
 * {@code inventory.yaml line 7: device 'rtr-2' repeats address 192.0.2.1 of 'rtr-1'}, and, when the mistake is at a
 * place in the file, that line with a caret under the place ({@link #excerpt()}). A file that is not YAML at all is
 * a plain {@link YamlFileException}.
 */
public final class InventoryException extends YamlFileException {

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param excerpt the offending line and a caret line, or null */
    public InventoryException(String message, String excerpt) {
        super(message, excerpt);
    }
}
