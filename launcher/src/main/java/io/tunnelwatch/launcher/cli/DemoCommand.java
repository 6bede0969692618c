package io.tunnelwatch.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tunnelwatch demo}: the all-in-one with a simulated fleet. Until the simulator lands (its own issue), this
 * is {@code run}, and it says so.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The all-in-one with an embedded broker and a simulated fleet of IOS-XE routers."
                + " (The simulated fleet is not there yet: for now this is 'run'.)")
public final class DemoCommand extends RoleCommand {

    @Mixin
    SyslogOptions syslog;

    @Mixin
    InventoryOptions inventory;

    @Override
    public Integer call() throws Exception {
        System.out.println("note: the simulated fleet is not built yet; running the all-in-one without it."
                + " Send it syslog with logger (see README).");
        return runUntilStopped(syslog, inventory, true, true);
    }
}
