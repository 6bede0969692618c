package io.tunnelwatch.collector;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.config.CollectorConfig;
import io.tunnelwatch.collector.kafka.EventPublisher;
import io.tunnelwatch.collector.kafka.ProducerSettings;
import io.tunnelwatch.collector.kafka.RawLinePublisher;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.transport.SyslogServer;
import io.tunnelwatch.events.Topics;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The collector role, wired: syslog sockets → ingest (parse, catalog, inventory) → publishers → Kafka. Wiring only; each part
 * does one job. Stops in the order that loses nothing: sockets first, then the publisher drains and flushes.
 */
public final class Collector implements AutoCloseable {

    private final CollectorConfig config;
    private final MeterRegistry registry;
    private EventPublisher publisher;
    private RawLinePublisher rawPublisher;
    private SyslogServer syslog;

    public Collector(CollectorConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public void start() {
        var producer = new KafkaProducer<>(
                ProducerSettings.forBootstrap(config.bootstrapServers(), config.producerOverrides()),
                Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer());
        publisher = new EventPublisher(producer, config.publishQueue(), registry);
        if (config.ingest().rawCopy()) {
            rawPublisher = new RawLinePublisher(new KafkaProducer<>(
                    ProducerSettings.forBootstrap(config.bootstrapServers(), config.producerOverrides()),
                    Topics.SYSLOG_RAW.keySerde().serializer(), Topics.SYSLOG_RAW.valueSerde().serializer()),
                    config.publishQueue(), registry);
        }
        SyslogIngest ingest = new SyslogIngest(config.ingest(), publisher, rawPublisher, Clock.systemUTC(),
                registry);
        syslog = new SyslogServer(config.syslog(), ingest, registry);
        try {
            syslog.start();
        } catch (RuntimeException e) {
            closePublishers();
            throw e;
        }
    }

    public InetSocketAddress syslogUdpAddress() {
        return syslog.udpAddress();
    }

    public InetSocketAddress syslogTcpAddress() {
        return syslog.tcpAddress();
    }

    public InetSocketAddress syslogTlsAddress() {
        return syslog.tlsAddress();
    }

    @Override
    public void close() {
        if (syslog != null) {
            syslog.close();
        }
        closePublishers();
    }

    private void closePublishers() {
        if (publisher != null) {
            publisher.close();
        }
        if (rawPublisher != null) {
            rawPublisher.close();
        }
    }
}
