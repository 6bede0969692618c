package io.tunnelwatch.launcher;

import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The all-in-one of an integration test: against the shared {@link KafkaFixture} broker, HTTP on loopback, and its
 * own Kafka Streams application id, so tests never share a consumer group, transactional ids or changelogs (a test
 * that stops its pipeline must not slow the next one down).
 */
final class FixturePipelines {

    private FixturePipelines() {
    }

    static PipelineConfig config(Path data, SyslogListenerConfig syslog, int httpPort, boolean streams) {
        return config(data, syslog, httpPort, streams, IngestConfig.defaults(), SnmpSettings.trapsOff());
    }

    static PipelineConfig config(Path data, SyslogListenerConfig syslog, int httpPort, boolean streams,
                                 IngestConfig ingest, SnmpSettings snmp) {
        return new PipelineConfig(KafkaFixture.bootstrapServers(StreamsTopics.ALL), data, 0, 0, Duration.ofSeconds(30),
                KafkaFixture.PARTITIONS, 1, syslog, "127.0.0.1", httpPort, true, streams, ingest, snmp,
                "tw-it-" + UUID.randomUUID());
    }

    /**
     * The {@code streams} role alone (no collector), as {@code tunnelwatch streams --application-id ID} runs it;
     * instances started with the same id and data directory are restarts of one another.
     */
    static PipelineConfig streamsOnly(Path data, int httpPort, String applicationId, DetectorSettings detectors) {
        return new PipelineConfig(KafkaFixture.bootstrapServers(StreamsTopics.ALL), data, 0, 0, Duration.ofSeconds(30),
                KafkaFixture.PARTITIONS, 1, SyslogListenerConfig.defaults().withPorts("127.0.0.1", -1, -1),
                "127.0.0.1", httpPort, false, true,
                IngestConfig.defaults(), SnmpSettings.trapsOff(), applicationId, detectors);
    }

    /** Syslog on 127.0.0.1: UDP and TCP on {@code port}, or only TCP when {@code udp} is false. */
    static SyslogListenerConfig syslog(int port, boolean udp) {
        return SyslogListenerConfig.defaults().withPorts("127.0.0.1", udp ? port : -1, port);
    }
}
