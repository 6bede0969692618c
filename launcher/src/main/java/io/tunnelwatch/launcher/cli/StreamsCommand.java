package io.tunnelwatch.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tunnelwatch streams}: one streams-app instance; run several with the same Kafka to share the peers. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "One streams-app instance (per-peer state machines, metrics); instances against the same Kafka"
                + " share the peers by partition.")
public final class StreamsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpOptions http;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (kafka.embedded()) {
            throw new ParameterException(spec.commandLine(), "the streams role needs --bootstrap-servers"
                    + " (use 'run' for the all-in-one with an embedded broker)");
        }
        SyslogOptions none = new SyslogOptions();
        none.host = "0.0.0.0";
        none.port = -1;
        none.maxFrame = 65_536;
        return PipelineRunner.runUntilStopped("streams", PipelineRunner.config(kafka, none, http, false, true),
                System.out);
    }
}
