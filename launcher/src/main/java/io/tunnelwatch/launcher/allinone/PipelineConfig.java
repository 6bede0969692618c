package io.tunnelwatch.launcher.allinone;

import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SpoolSettings;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.launcher.config.KafkaClientProperties;
import io.tunnelwatch.launcher.http.HttpSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which roles this process runs and where.
 *
 * @param bootstrapServers  an external Kafka, or null to embed one
 * @param dataDirectory     embedded broker data and Kafka Streams state
 * @param kafkaPort         client port of the embedded broker
 * @param kafkaControllerPort controller port of the embedded broker
 * @param kafkaTimeout      how long Kafka may take to answer at start
 * @param partitions        partitions of topics created at start
 * @param replicationFactor replicas of topics created at start; 0 = min(3, brokers)
 * @param syslog            the syslog listeners, when the collector runs
 * @param httpHost          address of /metrics
 * @param httpPort          port of /metrics
 * @param runCollector      run the collector role
 * @param runStreams        run the streams-app role
 * @param applicationId     the Kafka Streams application id: instances sharing it share the peers
 * @param ingest            the loaded inventory, unknown senders, raw copy (collector)
 * @param detectors         the detector thresholds of the streams app
 * @param kafkaClient       Kafka client settings from {@code --kafka-config} (security, tuning), for every client
 * @param allKafkaMetrics   serve every Kafka client metric on /metrics ({@code --metrics-kafka-all}), not only the
 *                          kept ones
 * @param httpSecurity      HTTPS and credentials of the HTTP endpoint ({@code --http-tls-*}, {@code --http-bearer-*},
 *                          {@code --http-basic-*}); {@link HttpSecurity#none()} by default
 */
public record PipelineConfig(
        String bootstrapServers,
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        Duration kafkaTimeout,
        int partitions,
        int replicationFactor,
        SyslogListenerConfig syslog,
        String httpHost,
        int httpPort,
        boolean runCollector,
        boolean runStreams,
        IngestConfig ingest,
        SnmpSettings snmp,
        String applicationId,
        DetectorSettings detectors,
        KafkaClientProperties kafkaClient,
        boolean allKafkaMetrics,
        HttpSecurity httpSecurity,
        SpoolSettings spool) {

    /** Without a spool. */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams,
                          IngestConfig ingest, SnmpSettings snmp, String applicationId, DetectorSettings detectors,
                          KafkaClientProperties kafkaClient, boolean allKafkaMetrics, HttpSecurity httpSecurity) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp, applicationId,
                detectors, kafkaClient, allKafkaMetrics, httpSecurity, SpoolSettings.off());
    }

    /** Plain HTTP open to all. */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams,
                          IngestConfig ingest, SnmpSettings snmp, String applicationId, DetectorSettings detectors,
                          KafkaClientProperties kafkaClient, boolean allKafkaMetrics) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp, applicationId,
                detectors, kafkaClient, allKafkaMetrics, HttpSecurity.none());
    }

    /** Without Kafka client settings from a file. */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams,
                          IngestConfig ingest, SnmpSettings snmp, String applicationId, DetectorSettings detectors) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp, applicationId,
                detectors, KafkaClientProperties.none(), false);
    }

    /** With the default detector thresholds (docs/configuration.md#detector-thresholds). */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams,
                          IngestConfig ingest, SnmpSettings snmp, String applicationId) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp, applicationId,
                DetectorSettings.defaults());
    }

    /** Without inventory or raw copy. */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, IngestConfig.defaults());
    }

    /** Without a trap receiver. */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams,
                          IngestConfig ingest) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest,
                SnmpSettings.trapsOff());
    }

    /** With the default Kafka Streams application id. */
    public PipelineConfig(String bootstrapServers, Path dataDirectory, int kafkaPort, int kafkaControllerPort,
                          Duration kafkaTimeout, int partitions, int replicationFactor, SyslogListenerConfig syslog,
                          String httpHost, int httpPort, boolean runCollector, boolean runStreams,
                          IngestConfig ingest, SnmpSettings snmp) {
        this(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout, partitions,
                replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp,
                StreamsSettings.DEFAULT_APPLICATION_ID);
    }

    public PipelineConfig {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(detectors, "detectors");
        Objects.requireNonNull(kafkaClient, "kafkaClient");
        Objects.requireNonNull(httpSecurity, "httpSecurity");
        Objects.requireNonNull(spool, "spool");
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--application-id must be letters, digits, '.', '_' or '-', was '"
                    + applicationId + "'");
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 0) {
            throw new IllegalArgumentException("--replication-factor must be 0 (automatic) or more, was "
                    + replicationFactor);
        }
        requirePort("--http-port", httpPort);
        if (bootstrapServers == null) {
            requirePort("--kafka-port", kafkaPort);
            requirePort("--kafka-controller-port", kafkaControllerPort);
        }
    }

    /** The same, with other detector thresholds. */
    public PipelineConfig withDetectors(DetectorSettings thresholds) {
        return new PipelineConfig(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout,
                partitions, replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp,
                applicationId, thresholds, kafkaClient, allKafkaMetrics, httpSecurity, spool);
    }

    /** The same, with Kafka client settings from a file. */
    public PipelineConfig withKafkaClient(KafkaClientProperties settings) {
        return new PipelineConfig(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout,
                partitions, replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp,
                applicationId, detectors, settings, allKafkaMetrics, httpSecurity, spool);
    }

    /** The same, serving every Kafka client metric or only the kept ones. */
    public PipelineConfig withAllKafkaMetrics(boolean all) {
        return new PipelineConfig(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout,
                partitions, replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp,
                applicationId, detectors, kafkaClient, all, httpSecurity, spool);
    }

    /** The same, with HTTPS or credentials on the HTTP endpoint. */
    public PipelineConfig withHttpSecurity(HttpSecurity security) {
        return new PipelineConfig(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout,
                partitions, replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp,
                applicationId, detectors, kafkaClient, allKafkaMetrics, security, spool);
    }

    /** The same, with the collector's spool in {@code settings}. */
    public PipelineConfig withSpool(SpoolSettings settings) {
        return new PipelineConfig(bootstrapServers, dataDirectory, kafkaPort, kafkaControllerPort, kafkaTimeout,
                partitions, replicationFactor, syslog, httpHost, httpPort, runCollector, runStreams, ingest, snmp,
                applicationId, detectors, kafkaClient, allKafkaMetrics, httpSecurity, settings);
    }

    public boolean embedded() {
        return bootstrapServers == null;
    }

    private static void requirePort(String option, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be a port number 0..65535, was " + port);
        }
    }
}
