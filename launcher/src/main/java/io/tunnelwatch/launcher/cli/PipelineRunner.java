package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.launcher.allinone.ReadyBanner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link Pipeline}, prints where it serves, and keeps it until Ctrl-C / SIGTERM, then stops every part in
 * order. A watchdog ends the process if a clean stop takes longer than {@link #STOP_BUDGET}.
 */
final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    static final Duration STOP_BUDGET = Duration.ofSeconds(14);

    /** The syslog settings of a process without a collector: nothing listens, nothing is checked. */
    private static final SyslogListenerConfig NO_LISTENERS = SyslogListenerConfig.defaults()
            .withPorts("0.0.0.0", -1, -1).withTls(-1, null);

    private PipelineRunner() {
    }

    /** {@code syslog} and {@code inventory} null for a process without a collector. */
    static PipelineConfig config(KafkaOptions kafka, SyslogOptions syslog, InventoryOptions inventory,
                                 SnmpSettings snmp, HttpOptions http, boolean collector, boolean streams) {
        // First, before any port or broker: a bad inventory ends the start with its line and reason.
        IngestConfig ingest = inventory == null ? IngestConfig.defaults() : inventory.load();
        SyslogListenerConfig listeners = syslog == null ? NO_LISTENERS : syslog.toConfig();
        return new PipelineConfig(kafka.embedded() ? null : kafka.bootstrapServers.trim(), kafka.dataDir,
                kafka.kafkaPort, kafka.kafkaControllerPort, Duration.ofSeconds(kafka.kafkaTimeoutSeconds),
                kafka.partitions, kafka.replicationFactor, listeners, http.host, http.port, collector, streams,
                ingest, snmp, kafka.applicationId).withKafkaClient(kafka.clientProperties())
                .withAllKafkaMetrics(http.kafkaMetricsAll).withHttpSecurity(http.security());
    }

    /** Something that runs beside the pipeline once it serves (the demo fleet), stopped before the pipeline. */
    @FunctionalInterface
    interface Extra {
        AutoCloseable start(Pipeline pipeline) throws Exception;
    }

    static int runUntilStopped(String role, PipelineConfig config, PrintStream out, Extra extra) throws Exception {
        Pipeline pipeline = new Pipeline(config).start();
        ReadyBanner.print(out, role, pipeline, config);
        AutoCloseable beside;
        try {
            beside = extra.start(pipeline);
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(beside, pipeline, stopped, out),
                "tunnelwatch-stop"));
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static void stop(AutoCloseable beside, Pipeline pipeline, CountDownLatch stopped, PrintStream out) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_BUDGET.toMillis());
                System.err.println("tunnelwatch: did not stop within " + STOP_BUDGET.toSeconds() + " s; halting");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tunnelwatch-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LOG.info("Stopping");
        long start = System.nanoTime();
        try {
            beside.close();
        } catch (Exception e) {
            LOG.warn("Error while stopping: {}", e.toString());
        }
        pipeline.close();
        watchdog.interrupt();
        out.println("tunnelwatch stopped in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        out.flush();
        stopped.countDown();
    }
}
