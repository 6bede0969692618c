package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import picocli.CommandLine.Mixin;

/** The commands that run a collector (run, demo, collector): syslog listeners, inventory, SNMP. */
abstract class CollectingRoleCommand extends RoleCommand {

    @Mixin
    SyslogOptions syslog;

    @Mixin
    InventoryOptions inventory;

    @Mixin
    SnmpOptions snmpOptions;

    @Override
    SnmpSettings snmp() {
        return snmpOptions.toSettings();
    }
}
