package io.tunnelwatch.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tunnelwatch run}: the all-in-one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "All-in-one: collector and streams app in one process, with an embedded Kafka broker unless"
                + " --bootstrap-servers is given.")
public final class RunCommand implements Callable<Integer> {

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
        return PipelineRunner.runUntilStopped("run", PipelineRunner.config(kafka, syslog, http, true, true),
                System.out);
    }
}
