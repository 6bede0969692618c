package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.launcher.allinone.PipelineConfig;
import picocli.CommandLine.Command;

/** {@code tunnelwatch streams}: one streams-app instance; run several with the same Kafka to share the peers. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "One streams-app instance (per-peer state machines, metrics); instances against the same Kafka"
                + " share the peers by partition.")
public final class StreamsCommand extends RoleCommand {

    @Override
    PipelineConfig config() {
        return config(null, null, false, true);
    }

    @Override
    public Integer call() throws Exception {
        requireCluster();
        return runUntilStopped(null, null, false, true);
    }
}
