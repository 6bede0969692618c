package io.tunnelwatch.collector.config;

import io.tunnelwatch.collector.inventory.Inventory;
import java.util.Objects;

/**
 * How received syslog lines are identified and kept.
 *
 * @param inventory            the devices (names, addresses, tunnels); {@link Inventory#empty()} for none
 * @param rejectUnknownSenders drop lines from senders a non-empty inventory does not list (counted), instead of
 *                             accepting them under their origin-id or address
 * @param rawCopy              copy lines that are not crypto events to {@code tunnelwatch.syslog.raw}
 */
public record IngestConfig(Inventory inventory, boolean rejectUnknownSenders, boolean rawCopy) {

    public IngestConfig {
        Objects.requireNonNull(inventory, "inventory");
    }

    /** No inventory, every sender accepted, no raw copy. */
    public static IngestConfig defaults() {
        return new IngestConfig(Inventory.empty(), false, false);
    }
}
