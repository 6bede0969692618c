package io.tunnelwatch.launcher.allinone;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.collector.Collector;
import io.tunnelwatch.collector.config.CollectorConfig;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.launcher.health.CheckStatus;
import io.tunnelwatch.launcher.health.Readiness;
import io.tunnelwatch.launcher.health.StreamsCheck;
import io.tunnelwatch.launcher.http.HttpEndpoint;
import io.tunnelwatch.launcher.metrics.KafkaMeterFilter;
import io.tunnelwatch.launcher.metrics.ProcessMeters;
import io.tunnelwatch.launcher.metrics.SecondsPrometheusRegistry;
import io.tunnelwatch.streams.StreamsApp;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tunnelwatch process: the embedded broker (when no cluster is given), the topics, the HTTP endpoint, the
 * streams app and the collector, as configured. Starts them in dependency order and stops them in reverse, so the
 * collector's producer is flushed before streams close and streams close before the broker stops. The HTTP endpoint
 * starts first: {@code /healthz} answers at once, {@code /readyz} says 503 and what it waits for until every
 * {@link Readiness} check passes.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration STREAMS_READY_TIMEOUT = Duration.ofSeconds(90);
    /** With an embedded broker there is exactly one streams instance: a static identity survives a crash. */
    private static final String EMBEDDED_MEMBER_ID = "tunnelwatch-all-in-one";
    /**
     * Two stream threads, not Kafka's one: where the engine shares the cores with the collector, the broker or
     * anything else, the scheduler gives each runnable thread its turn, and one thread busy with every peer got less
     * than it needed (docs/performance.md#two-stream-threads). {@code num.stream.threads} in --kafka-config sets
     * another number.
     */
    private static final int STREAM_THREADS = 2;
    private static final String EMBEDDED_HOST = "127.0.0.1";
    private static final String SYSLOG_CHECK = "syslog";
    private static final String TRAPS_CHECK = "traps";
    /** Declared on close: a process going down takes no new traffic. */
    private static final String STOPPING_CHECK = "process";

    private final PipelineConfig config;
    private final PrometheusMeterRegistry registry = new SecondsPrometheusRegistry();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Readiness readiness = new Readiness();
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private HttpEndpoint http;
    private StreamsApp streams;
    /** Read by the Kafka probe's thread too. */
    private volatile Collector collector;

    public Pipeline(PipelineConfig config) {
        this.config = config;
        // Before any meter is registered: filters apply to meters registered after them only.
        registry.config().meterFilter(ProcessMeters.naming())
                .meterFilter(KafkaMeterFilter.of(config.allKafkaMetrics()));
        declareChecks();
    }

    /**
     * Starts every configured part and returns once they serve.
     *
     * @throws StartupException (or a broker/listener start exception) with a one-line reason, or every problem found
     *                           before starting, one line each
     */
    public Pipeline start() {
        DataDirectoryLock lock = checkBeforeStarting();
        if (lock != null) {
            running.push(lock);
        }
        try {
            bindProcessMetrics();
            startHttp();
            startKafka();
            // A collector alone rides out an outage on its spool; with streams (or an embedded broker) Kafka is needed.
            running.push(KafkaProbe.start(bootstrapServers, config.kafkaClient().forAdmin(), readiness,
                    config.runStreams() || config.embedded() ? () -> false
                            : () -> collector != null && collector.carriesOutage()));
            provisionTopics();
            if (config.runStreams()) {
                startStreams();
            }
            if (config.runCollector()) {
                startCollector();
            }
            // Once started: a start that fails says only why it failed.
            if (config.embedded() || config.runStreams()) {
                TemporaryDataDirectory.warning(config.dataDirectory()).ifPresent(LOG::warn);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Before anything slow starts: takes the data directory, then probes every port this process will listen on,
     * and reports every problem at once, the data directory first (a second tunnelwatch on the same machine holds
     * it and all its ports, and the data directory is the one thing to change then).
     *
     * @return the data directory's lock, or null when this role keeps no data
     */
    private DataDirectoryLock checkBeforeStarting() {
        List<String> problems = new ArrayList<>();
        DataDirectoryLock lock = null;
        if (config.embedded() || config.runStreams()) {
            try {
                lock = DataDirectoryLock.acquire(config.dataDirectory());
            } catch (StartupException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(busyPorts());
        if (!problems.isEmpty()) {
            if (lock != null) {
                closeQuietly(lock);
            }
            throw StartupException.of(problems);
        }
        return lock;
    }

    private List<String> busyPorts() {
        PortCheck ports = new PortCheck();
        if (config.embedded()) {
            ports.tcp(EMBEDDED_HOST, config.kafkaPort(), "--kafka-port")
                    .tcp(EMBEDDED_HOST, config.kafkaControllerPort(), "--kafka-controller-port");
        }
        ports.tcp(config.httpHost(), config.httpPort(), "--http-port");
        if (config.runCollector()) {
            String host = config.syslog().bindHost();
            ports.udp(host, config.syslog().udpPort(), "--syslog-port or --syslog-udp-port")
                    .tcp(host, config.syslog().tcpPort(), "--syslog-port or --syslog-tcp-port");
            if (config.syslog().tlsEnabled()) {
                ports.tcp(host, config.syslog().tlsPort(), "--syslog-tls-port");
            }
            ports.udp(config.snmp().trapHost(), config.snmp().trapPort(), "--trap-port");
        }
        return ports.problems();
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("Error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
        }
    }

    /** Every check this process will pass, not ready until its part says so. */
    private void declareChecks() {
        readiness.set(KafkaProbe.NAME, CheckStatus.notReady(config.embedded() ? "starting the embedded broker"
                : "waiting for " + config.bootstrapServers() + " to answer (up to " + config.kafkaTimeout().toSeconds()
                + " s at start)"));
        if (listensForSyslog()) {
            readiness.set(SYSLOG_CHECK, CheckStatus.notReady("not listening yet"));
        }
        if (config.runCollector() && config.snmp().trapPort() >= 0) {
            readiness.set(TRAPS_CHECK, CheckStatus.notReady("not listening yet"));
        }
        if (config.runStreams()) {
            readiness.set(StreamsCheck.NAME, StreamsCheck.status(null, 0));
        }
        AtomicBoolean wasReady = new AtomicBoolean();
        readiness.addListener(report -> {
            if (wasReady.getAndSet(report.ready()) != report.ready()) {
                LOG.info(report.ready() ? "Ready: every check passes" : "Not ready: {}", report.notReady().stream()
                        .map(r -> r.name() + " (" + r.status().detail() + ")").toList());
            }
        });
    }

    private boolean listensForSyslog() {
        SyslogListenerConfig syslog = config.syslog();
        return config.runCollector() && (syslog.udpPort() >= 0 || syslog.tcpPort() >= 0 || syslog.tlsEnabled());
    }

    private void bindProcessMetrics() {
        ProcessMeters process = new ProcessMeters();
        process.bindTo(registry);
        running.push(process);
    }

    private void startKafka() {
        if (config.embedded()) {
            EmbeddedBrokerConfig brokerConfig = EmbeddedBrokerConfig.defaults(config.dataDirectory())
                    .withPorts(config.kafkaPort(), config.kafkaControllerPort());
            broker = new EmbeddedKafkaBroker(brokerConfig);
            broker.start();
            running.push(broker);
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = config.bootstrapServers();
            int brokers = KafkaReachability.require(bootstrapServers, config.kafkaTimeout(),
                    config.kafkaClient().forAdmin());
            LOG.info("Kafka at {} answered ({} broker(s))", bootstrapServers, brokers);
        }
    }

    private void provisionTopics() {
        Map<String, Object> adminConfig = new HashMap<>(config.kafkaClient().forAdmin());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            new TopicProvisioner(admin, config.kafkaTimeout().toMillis())
                    .ensure(StreamsTopics.ALL, config.partitions(), config.embedded() ? 1 : config.replicationFactor());
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private void startHttp() {
        try {
            http = HttpEndpoint.start(config.httpHost(), config.httpPort(), registry, readiness,
                    config.httpSecurity());
        } catch (IOException e) {
            throw new StartupException("cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort() + " ("
                    + e.getMessage() + "); choose another port with --http-port", e);
        }
        running.push(http);
    }

    private void startStreams() {
        StreamsSettings settings = new StreamsSettings(bootstrapServers, config.applicationId(),
                config.dataDirectory().resolve("streams"), STREAM_THREADS, config.embedded() ? 1 : -1,
                config.embedded() ? EMBEDDED_MEMBER_ID : null, config.kafkaClient().forStreams())
                .withApplicationServer(HttpEndpoint.displayHost(config.httpHost()) + ":" + http.port());
        streams = new StreamsApp(settings, registry, config.detectors());
        StreamsCheck.follow(streams, readiness);
        streams.start();
        http.peers().attach(streams.peerQuery());
        running.push(streams);
        try {
            if (!streams.awaitRunning(STREAMS_READY_TIMEOUT)) {
                LOG.warn("Kafka Streams is not running after {} s; going on, it will catch up",
                        STREAMS_READY_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting Kafka Streams", e);
        }
    }

    private void startCollector() {
        collector = new Collector(new CollectorConfig(bootstrapServers, config.syslog(),
                CollectorConfig.DEFAULT_PUBLISH_QUEUE, config.kafkaClient().forProducer(), config.ingest(),
                config.snmp()).withSpool(config.spool()), registry);
        collector.start();
        running.push(collector);
        // start() returns once every socket is bound
        if (listensForSyslog()) {
            StringJoiner open = new StringJoiner(", ", "listening on ", "");
            addListening(open, "udp", collector.syslogUdpAddress());
            addListening(open, "tcp", collector.syslogTcpAddress());
            addListening(open, "tls", collector.syslogTlsAddress());
            readiness.set(SYSLOG_CHECK, CheckStatus.ready(open.toString()));
        }
        if (collector.trapAddress() != null) {
            StringJoiner open = new StringJoiner(", ", "listening on ", "");
            addListening(open, "udp", collector.trapAddress());
            readiness.set(TRAPS_CHECK, CheckStatus.ready(open.toString()));
        }
    }

    private static void addListening(StringJoiner open, String transport, InetSocketAddress address) {
        if (address != null) {
            open.add(transport + " " + address.getHostString() + ":" + address.getPort());
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean embeddedBroker() {
        return broker != null;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What {@code /readyz} reports. */
    public Readiness readiness() {
        return readiness;
    }

    /** The address a client reaches /metrics on. */
    public InetSocketAddress httpAddress() {
        return http.address(config.httpHost());
    }

    public InetSocketAddress syslogUdpAddress() {
        return collector == null ? null : collector.syslogUdpAddress();
    }

    public InetSocketAddress trapAddress() {
        return collector == null ? null : collector.trapAddress();
    }

    public InetSocketAddress syslogTcpAddress() {
        return collector == null ? null : collector.syslogTcpAddress();
    }

    public InetSocketAddress syslogTlsAddress() {
        return collector == null ? null : collector.syslogTlsAddress();
    }

    /** Stops everything started, newest first; safe to call twice. */
    @Override
    public void close() {
        readiness.set(STOPPING_CHECK, CheckStatus.notReady("stopping"));
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
    }
}
