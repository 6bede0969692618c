package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.allinone.PipelineConfig;
import picocli.CommandLine.Command;

/** {@code tunnelwatch run}: the all-in-one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "All-in-one: collector and streams app in one process, with an embedded Kafka broker unless"
                + " --bootstrap-servers is given.")
public final class RunCommand extends CollectingRoleCommand {

    @Override
    PipelineConfig config() {
        return config(syslog, inventory, true, true);
    }

    @Override
    public Integer call() throws Exception {
        return runUntilStopped(syslog, inventory, true, true);
    }
}
