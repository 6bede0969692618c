package io.tunnelwatch.collector.config;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the collector role needs.
 *
 * @param bootstrapServers  Kafka to write to
 * @param syslog            the syslog listeners
 * @param publishQueue      bound of the queue between event loops and the producer thread
 * @param producerOverrides extra Kafka producer properties, applied last
 * @param ingest            inventory, unknown senders, raw copy
 * @param snmp              trap receiver and poller settings
 * @param spool             the on-disk spool behind the publish queues ({@link SpoolSettings#off()} for none)
 */
public record CollectorConfig(
        String bootstrapServers,
        SyslogListenerConfig syslog,
        int publishQueue,
        Map<String, String> producerOverrides,
        IngestConfig ingest,
        SnmpSettings snmp,
        SpoolSettings spool) {

    public static final int DEFAULT_PUBLISH_QUEUE = 65_536;

    public CollectorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(syslog, "syslog");
        if (publishQueue < 1) {
            throw new IllegalArgumentException("publishQueue must be at least 1, was " + publishQueue);
        }
        producerOverrides = Map.copyOf(producerOverrides);
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(spool, "spool");
    }

    /** Without a spool. */
    public CollectorConfig(String bootstrapServers, SyslogListenerConfig syslog, int publishQueue,
                           Map<String, String> producerOverrides, IngestConfig ingest, SnmpSettings snmp) {
        this(bootstrapServers, syslog, publishQueue, producerOverrides, ingest, snmp, SpoolSettings.off());
    }

    /** The same, with another spool. */
    public CollectorConfig withSpool(SpoolSettings settings) {
        return new CollectorConfig(bootstrapServers, syslog, publishQueue, producerOverrides, ingest, snmp, settings);
    }

    /** Without a trap receiver. */
    public CollectorConfig(String bootstrapServers, SyslogListenerConfig syslog, int publishQueue,
                           Map<String, String> producerOverrides, IngestConfig ingest) {
        this(bootstrapServers, syslog, publishQueue, producerOverrides, ingest, SnmpSettings.trapsOff());
    }

    /** Without inventory or raw copy. */
    public CollectorConfig(String bootstrapServers, SyslogListenerConfig syslog, int publishQueue,
                           Map<String, String> producerOverrides) {
        this(bootstrapServers, syslog, publishQueue, producerOverrides, IngestConfig.defaults());
    }
}
