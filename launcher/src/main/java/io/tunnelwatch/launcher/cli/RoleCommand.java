package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SpoolSettings;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
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

    /** What this command runs, validated, before anything starts. */
    abstract PipelineConfig config();

    /** The collector's spool; roles without a collector have none. */
    SpoolSettings spool() {
        return SpoolSettings.off();
    }

    /** The SNMP settings of this command; roles without a collector have none. */
    SnmpSettings snmp() {
        return SnmpSettings.trapsOff();
    }

    /** The same, with something started once the pipeline serves and stopped before it (the demo fleet). */
    int runUntilStopped(SyslogOptions syslog, InventoryOptions inventory, boolean collector, boolean streams,
                        PipelineRunner.Extra extra) throws Exception {
        return PipelineRunner.runUntilStopped(spec.name(), config(syslog, inventory, collector, streams),
                System.out, extra);
    }

    /**
     * What this role runs, validated: each role checks only the options it uses (the streams role no syslog or
     * inventory option, the collector role no detector threshold).
     */
    PipelineConfig config(SyslogOptions syslog, InventoryOptions inventory, boolean collector, boolean streams) {
        return PipelineRunner.config(kafka, collector ? syslog : null, collector ? inventory : null, snmp(), http,
                collector, streams).withDetectors(streams ? detectorSettings() : DetectorSettings.defaults())
                .withSpool(collector ? spool() : SpoolSettings.off());
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
