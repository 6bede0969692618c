package io.tunnelwatch.launcher.cli;

import picocli.CommandLine.Command;

/** {@code tunnelwatch collector}: the collector role alone, against a Kafka cluster. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The collector role alone (syslog in, events to Kafka), for scale-out against a Kafka cluster.")
public final class CollectorCommand extends CollectingRoleCommand {

    @Override
    public Integer call() throws Exception {
        requireCluster();
        return runUntilStopped(syslog, inventory, true, false);
    }
}
