package io.tunnelwatch.collector;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tunnelwatch.collector.config.CollectorConfig;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.kafka.CounterPublisher;
import io.tunnelwatch.collector.kafka.DeviceAddressPublisher;
import io.tunnelwatch.collector.kafka.EventPublisher;
import io.tunnelwatch.collector.kafka.ProducerSettings;
import io.tunnelwatch.collector.kafka.RawLinePublisher;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.InventoryFactsSink;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpDevices;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.poll.CounterLimits;
import io.tunnelwatch.collector.snmp.poll.Snmp4jClient;
import io.tunnelwatch.collector.snmp.poll.SnmpPoller;
import io.tunnelwatch.collector.snmp.trap.TrapDecoder;
import io.tunnelwatch.collector.snmp.trap.TrapReceiver;
import io.tunnelwatch.collector.spool.Spool;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.transport.ListenerStartException;
import io.tunnelwatch.collector.transport.SyslogServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector role, wired: syslog sockets → ingest (parse, catalog, inventory) → publishers → Kafka; SNMP traps →
 * decoder → the same event publisher; SNMP polls of the inventory's devices → counter samples → their publisher.
 * Wiring only; each part does one job. Stops in the order that loses nothing: sockets and pollers first, then the
 * publishers drain and flush, then their one producer closes. One producer for every topic: one sender thread, one
 * buffer and one set of broker connections (docs/performance.md#one-producer-and-kafkas-own-partitioner).
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final Duration PRODUCER_CLOSE_WITHIN = Duration.ofSeconds(5);
    /**
     * Receive and poll times to the microsecond: digits below it say nothing about a line that crossed a network,
     * and the streams app keeps a microsecond time in 3–5 bytes of a peer's state where a nanosecond one takes 9–10
     * (docs/performance.md#receive-times-to-the-microsecond).
     */
    static final Clock RECEIVE_CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private final CollectorConfig config;
    private final MeterRegistry registry;
    private EventPublisher publisher;
    private RawLinePublisher rawPublisher;
    private CounterPublisher counterPublisher;
    private SyslogServer syslog;
    /** The publisher behind the inventory's facts: every event source offers here. */
    private EventSink events;
    private SnmpPoller poller;
    /** The poller's SNMP stack, also the trap receiver's for its tunnel-index lookups. */
    private Snmp4jClient snmpClient;
    private TrapReceiver traps;
    /** What polls learn of tunnel interfaces: for the trap receiver and for syslog lines about unmapped tunnels. */
    private final TunnelIndex tunnelIndex = new TunnelIndex();
    /** The one producer every topic's publisher writes through (records arrive serialized). */
    private KafkaProducer<byte[], byte[]> producer;
    /** The on-disk spool, or null for none; read by other threads ({@link #carriesOutage}). */
    private volatile Spool spool;
    private KafkaClientMetrics producerMetrics;

    public Collector(CollectorConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public void start() {
        spool = config.spool().enabled() ? new Spool(config.spool().directory(), config.spool().maxBytes(),
                config.spool().stallTimeout()) : null;
        producer = new KafkaProducer<>(ProducerSettings.forBootstrap(config.bootstrapServers(),
                producerOverrides(spool != null)), new ByteArraySerializer(), new ByteArraySerializer());
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        try {
            publisher = new EventPublisher(producer, config.publishQueue(), registry, spool);
            if (config.ingest().rawCopy()) {
                rawPublisher = new RawLinePublisher(producer, config.publishQueue(), registry, spool);
            }
            counterPublisher = new CounterPublisher(producer, config.publishQueue(), registry, spool);
        } catch (IllegalStateException | UncheckedIOException e) {
            close();
            throw new IllegalArgumentException("cannot use the spool directory " + config.spool().directory()
                    + " (" + e.getMessage() + "); choose another with --spool-dir", e);
        }
        if (spool != null) {
            LOG.info("Spool: {} (at most {} bytes) takes the records Kafka does not acknowledge within {} ms",
                    spool.directory().toAbsolutePath(), config.spool().maxBytes(),
                    config.spool().stallTimeout().toMillis());
        }
        if (!config.ingest().inventory().isEmpty()) {
            DeviceAddressPublisher.publish(config.ingest().inventory(), producer);
        }
        events = new InventoryFactsSink(config.ingest().inventory(), publisher);
        SyslogIngest ingest = new SyslogIngest(config.ingest(), tunnelIndex::remoteOf, events, rawPublisher,
                RECEIVE_CLOCK, registry);
        syslog = new SyslogServer(config.syslog(), ingest, registry);
        try {
            syslog.start();
            startSnmp();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startSnmp() {
        List<SnmpDevice> devices = SnmpDevices.from(config.ingest().inventory());
        snmpClient = new Snmp4jClient();
        Inventory inventory = config.ingest().inventory();
        CounterPublisher counters = counterPublisher;
        poller = new SnmpPoller(snmpClient, sample -> counters.offer(InventoryFactsSink.withFacts(inventory, sample)),
                events, tunnelIndex, RECEIVE_CLOCK,
                CounterLimits.DEFAULT, config.snmp().maxPollsInFlight(), registry);
        poller.start(devices);
        if (config.snmp().trapPort() >= 0) {
            InetSocketAddress bind = new InetSocketAddress(config.snmp().trapHost(), config.snmp().trapPort());
            try {
                traps = new TrapReceiver(bind, devices, new TrapDecoder(tunnelIndex), events, snmpClient,
                        RECEIVE_CLOCK, registry);
            } catch (UncheckedIOException e) {
                throw new ListenerStartException("cannot receive SNMP traps on UDP " + bind.getHostString() + ":"
                        + bind.getPort() + " (" + e.getCause().getMessage() + "); choose another port with"
                        + " --trap-port", e);
            }
        }
        LOG.info("SNMP: polling {} device(s), traps {}", devices.size(),
                traps == null ? "off" : "on udp " + traps.address());
    }

    /**
     * The user's producer settings, after this: with a spool, a send waits for room in the producer's buffer (or
     * for the topic's metadata) no longer than the spool's stall timeout, then fails into the spool, instead of
     * holding the publishing thread for minutes.
     */
    private Map<String, String> producerOverrides(boolean spooling) {
        Map<String, String> overrides = new HashMap<>();
        if (spooling) {
            overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(config.spool().stallTimeout().toMillis()));
        }
        overrides.putAll(config.producerOverrides());
        return overrides;
    }

    /** The bound trap receiver address, or null when traps are off. */
    /**
     * Whether this collector carries a Kafka outage without loss: it has a spool, and the spool has room. Without
     * one, records wait in memory and are dropped when it fills (docs/reliability.md#broker-outage).
     */
    public boolean carriesOutage() {
        Spool s = spool;
        return s != null && s.hasRoom();
    }

    public InetSocketAddress trapAddress() {
        return traps == null ? null : traps.address();
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
        for (AutoCloseable part : new AutoCloseable[] {syslog, traps, poller, snmpClient, publisher, rawPublisher,
            counterPublisher}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.warn("Error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
                }
            }
        }
        syslog = null;
        traps = null;
        poller = null;
        snmpClient = null;
        publisher = null;
        rawPublisher = null;
        counterPublisher = null;
        // After the publishers, which drained their queues into it: what it still holds gets a bounded wait.
        if (producer != null) {
            producer.close(PRODUCER_CLOSE_WITHIN);
            producer = null;
        }
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
    }
}
