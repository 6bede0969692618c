package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tunnelwatch collector}: the collector role alone, against a Kafka cluster. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The collector role alone (syslog in, events to Kafka), for scale-out against a Kafka cluster.")
public final class CollectorCommand extends RoleCommand {

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

    @Override
    public Integer call() throws Exception {
        requireCluster();
        return runUntilStopped(syslog, inventory, true, false);
    }
}
