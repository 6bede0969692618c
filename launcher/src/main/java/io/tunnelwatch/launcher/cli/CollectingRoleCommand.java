package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SpoolSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** The commands that run a collector (run, demo, collector): syslog listeners, inventory, SNMP. */
abstract class CollectingRoleCommand extends RoleCommand {

    @Mixin
    SyslogOptions syslog;

    @Mixin
    InventoryOptions inventory;

    @Mixin
    SnmpOptions snmpOptions;

    @Mixin
    SpoolOptions spoolOptions;

    @Override
    SnmpSettings snmp() {
        return snmpOptions.toSettings();
    }

    @Override
    SpoolSettings spool() {
        try {
            return spoolOptions.toSettings(kafka.dataDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
