package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tunnelwatch run}: the all-in-one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "All-in-one: collector and streams app in one process, with an embedded Kafka broker unless"
                + " --bootstrap-servers is given.")
public final class RunCommand extends RoleCommand {

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
        return runUntilStopped(syslog, inventory, true, true);
    }
}
