package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every process-starting command shares: where Kafka is, the HTTP endpoint, and how it runs until stopped. */
abstract class RoleCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpOptions http;

    @Mixin
    DetectorOptions detectors;

    @Spec
    CommandSpec spec;

    /**
     * Runs the configured roles until Ctrl-C / SIGTERM; {@code syslog} and {@code inventory} null when no collector
     * runs.
     */
    int runUntilStopped(SyslogOptions syslog, InventoryOptions inventory, boolean collector, boolean streams)
            throws Exception {
        return runUntilStopped(syslog, inventory, collector, streams, pipeline -> () -> { });
    }

    /** The SNMP settings of this command; roles without a collector have none. */
    SnmpSettings snmp() {
        return SnmpSettings.trapsOff();
    }

    /** The same, with something started once the pipeline serves and stopped before it (the demo fleet). */
    int runUntilStopped(SyslogOptions syslog, InventoryOptions inventory, boolean collector, boolean streams,
                        PipelineRunner.Extra extra) throws Exception {
        SyslogOptions listeners = syslog != null ? syslog : SyslogOptions.off();
        return PipelineRunner.runUntilStopped(spec.name(),
                PipelineRunner.config(kafka, listeners, inventory, snmp(), http, collector, streams)
                        .withDetectors(detectorSettings()), System.out, extra);
    }

    private DetectorSettings detectorSettings() {
        try {
            return detectors.toSettings();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The scale-out roles run against a cluster; the embedded broker is for the all-in-one only. */
    void requireCluster() {
        if (kafka.embedded()) {
            throw new ParameterException(spec.commandLine(), "the " + spec.name() + " role needs"
                    + " --bootstrap-servers (use 'run' for the all-in-one with an embedded broker)");
        }
    }
}
