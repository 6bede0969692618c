package io.tunnelwatch.launcher;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SpoolSettings;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The all-in-one of one integration test ({@link FixturePipelines}), started before each test on free loopback
 * ports with a data directory of its own and closed after it:
 * {@code @RegisterExtension final RunningPipeline running = RunningPipeline.withStreams();}.
 */
final class RunningPipeline implements BeforeEachCallback, AfterEachCallback {

    private final boolean streams;
    private boolean udp = true;
    private boolean traps;
    private boolean spool;
    private IngestConfig ingest = IngestConfig.defaults();
    private Path data;
    private int syslogPort;
    private int httpPort;
    private Pipeline pipeline;

    private RunningPipeline(boolean streams) {
        this.streams = streams;
    }

    /** Collector and streams app. */
    static RunningPipeline withStreams() {
        return new RunningPipeline(true);
    }

    /** The collector alone. */
    static RunningPipeline collectorOnly() {
        return new RunningPipeline(false);
    }

    /** Syslog over TCP only (UDP off). */
    RunningPipeline tcpOnly() {
        udp = false;
        return this;
    }

    /** With a trap receiver on a free port (and SNMP polling of the inventory's devices). */
    RunningPipeline withTraps() {
        traps = true;
        return this;
    }

    /** With the collector's on-disk spool in the data directory, as {@code run} has it by default. */
    RunningPipeline withSpool() {
        spool = true;
        return this;
    }

    RunningPipeline ingest(IngestConfig config) {
        ingest = config;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("tunnelwatch-it-");
        syslogPort = PortProbe.freePort();
        httpPort = PortProbe.freePort();
        PipelineConfig config = FixturePipelines.config(data, FixturePipelines.syslog(syslogPort, udp), httpPort,
                streams, ingest, traps ? new SnmpSettings("127.0.0.1", PortProbe.freePort(), 8)
                        : SnmpSettings.trapsOff());
        pipeline = new Pipeline(spool ? config.withSpool(SpoolSettings.in(data.resolve("spool"),
                SpoolSettings.DEFAULT_MAX_BYTES)) : config).start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    Pipeline pipeline() {
        return pipeline;
    }

    Path data() {
        return data;
    }

    int syslogPort() {
        return syslogPort;
    }

    int httpPort() {
        return httpPort;
    }
}
