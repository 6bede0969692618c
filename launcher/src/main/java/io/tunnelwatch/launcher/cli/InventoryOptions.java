package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The device inventory, what to do with senders it does not list, and the raw copy of non-crypto lines. */
public final class InventoryOptions {

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Inventory YAML: device names, addresses, SNMP credentials, expected peers and tunnels"
                    + " (docs/configuration.md). Env: TUNNELWATCH_INVENTORY.")
    public Path inventory;

    @Option(names = "--reject-unknown-senders",
            description = "Drop syslog from senders the inventory does not list (counted) instead of accepting it.")
    public boolean rejectUnknownSenders;

    @Option(names = "--syslog-raw-copy",
            description = "Copy syslog lines that are not crypto events to the tunnelwatch.syslog.raw topic.")
    public boolean rawCopy;

    /** Reads and checks the inventory now, so a bad file ends the start with its line and reason. */
    public IngestConfig load() {
        Inventory devices = inventory == null ? Inventory.empty() : InventoryLoader.load(inventory);
        return new IngestConfig(devices, rejectUnknownSenders, rawCopy);
    }
}
