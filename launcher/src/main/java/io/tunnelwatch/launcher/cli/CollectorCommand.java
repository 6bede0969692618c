package io.tunnelwatch.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tunnelwatch collector}: the collector role alone, against a Kafka cluster. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "The collector role alone (syslog in, events to Kafka), for scale-out against a Kafka cluster.")
public final class CollectorCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SyslogOptions syslog;

    @Mixin
    HttpOptions http;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (kafka.embedded()) {
            throw new ParameterException(spec.commandLine(), "the collector role needs --bootstrap-servers"
                    + " (use 'run' for the all-in-one with an embedded broker)");
        }
        return PipelineRunner.runUntilStopped("collector", PipelineRunner.config(kafka, syslog, http, true, false),
                System.out);
    }
}
