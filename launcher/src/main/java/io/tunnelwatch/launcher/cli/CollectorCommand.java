package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.allinone.PipelineConfig;
import picocli.CommandLine.Command;

/** {@code tunnelwatch collector}: the collector role alone, against a Kafka cluster. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The collector role alone (syslog in, events to Kafka), for scale-out against a Kafka cluster.")
public final class CollectorCommand extends CollectingRoleCommand {

    @Override
    PipelineConfig config() {
        return config(syslog, inventory, true, false);
    }

    @Override
    public Integer call() throws Exception {
        requireCluster();
        return runUntilStopped(syslog, inventory, true, false);
    }
}
