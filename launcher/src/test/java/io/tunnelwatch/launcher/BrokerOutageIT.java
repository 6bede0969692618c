package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.broker.TopicProvisioner;
import io.tunnelwatch.collector.Collector;
import io.tunnelwatch.collector.config.CollectorConfig;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SpoolSettings;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.config.SyslogTlsConfig;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.topology.StreamsTopics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker goes away under a steady syslog load and comes back: a collector on TCP, TLS and UDP, fed numbered
 * lines at a steady rate by one sender per transport, writes to its own embedded broker, which is stopped for
 * {@code -Dtunnelwatch.it.outage.seconds} (15 in the suite, 60 for the full run of
 * {@code scripts/broker-outage}) and started again on the same ports and log directory. Every numbered line sent
 * over TCP and TLS is on {@code tunnelwatch.events} exactly once; over UDP, what the collector received and did not
 * write is exactly what it counted as dropped, by reason; with the on-disk spool, nothing is dropped at all.
 *
 * <p>The producer's buffer is made small here (256 KiB) so that the outage reaches the publish queue within seconds:
 * with the default 64 MiB the producer alone holds a minute of this load and the queue never fills.
 */
class BrokerOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final int OUTAGE_SECONDS = Integer.getInteger("tunnelwatch.it.outage.seconds", 15);
    /** Load before and after the outage, seconds. */
    private static final int MARGIN_SECONDS = 8;
    private static final int LINES_PER_SECOND = Integer.getInteger("tunnelwatch.it.outage.rate", 250);
    private static final int PUBLISH_QUEUE = 8192;

    @TempDir
    Path data;

    private EmbeddedKafkaBroker broker;
    private Collector collector;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void startBroker() {
        broker = startBroker(data.resolve("broker"));
    }

    /** A broker of its own on free ports, with the tunnelwatch topics; a stop and a start is a restart. */
    static EmbeddedKafkaBroker startBroker(Path dataDirectory) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedBrokerConfig.defaults(dataDirectory)
                .withPorts(PortProbe.freePort(), PortProbe.freePort()));
        broker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            new TopicProvisioner(admin, 30_000).ensure(StreamsTopics.ALL, 3, 1);
        }
        return broker;
    }

    private void startCollector(SpoolSettings spool) throws IOException {
        startCollector(spool, IngestConfig.defaults(), SnmpSettings.trapsOff());
    }

    private void startCollector(SpoolSettings spool, IngestConfig ingest, SnmpSettings snmp) throws IOException {
        TestCertificates certs = TestCertificates.create(Files.createDirectories(data.resolve("pki")));
        SyslogListenerConfig syslog = SyslogListenerConfig.defaults().withPorts("127.0.0.1", 0, 0)
                .withTls(0, new SyslogTlsConfig(certs.serverCert, certs.serverKey, null,
                        SyslogTlsConfig.ClientAuth.NONE));
        collector = new Collector(new CollectorConfig(broker.bootstrapServers(), syslog, PUBLISH_QUEUE,
                Map.of("buffer.memory", String.valueOf(256 * 1024), "batch.size", String.valueOf(16 * 1024)),
                ingest, snmp, spool), registry);
        collector.start();
    }

    @AfterEach
    void stopCollectorAndBroker() {
        if (collector != null) {
            collector.close();
        }
        broker.close();
    }

    @Test
    void shouldWriteEveryTcpAndTlsLineExactlyOnceAndCountEveryUdpLineItDidNotWrite() throws Exception {
        startCollector(SpoolSettings.off());

        Outage o = loadThroughAnOutage(null);

        assertThat(o.written(Kind.TCP)).as("TCP lines on the topic").isEqualTo(o.lines);
        assertThat(o.written(Kind.TLS)).as("TLS lines on the topic").isEqualTo(o.lines);
        assertThat(o.duplicates).as("lines written twice").containsOnly(
                Map.entry(Kind.TCP, 0), Map.entry(Kind.TLS, 0), Map.entry(Kind.UDP, 0));
        assertThat(failed()).as("records Kafka did not take").isZero();
        assertThat(received(Kind.TCP) + received(Kind.TLS)).isEqualTo(2.0 * o.lines);
        assertThat(received(Kind.UDP) - o.written(Kind.UDP)).as("UDP received − written")
                .isEqualTo(dropped(Kind.UDP, "queue_full"))
                .isEqualTo(dropped());
        assertThat(dropped()).as("UDP drops, bounded by the queue the outage filled").isPositive()
                .isLessThan(received(Kind.UDP));
    }

    /**
     * With the spool, the same outage loses nothing on any transport: after the stall timeout the records go to
     * disk instead of filling the queue, so no connection is paused and no datagram is dropped; when the broker is
     * back the spool is replayed in order and deleted. Counter samples and traps take the same way: a small fleet
     * polled every 2 s and a trap every 400 ms from {@code snmptrap} run through the outage, and every poll and
     * every trap is on its topic exactly once, the polls without a gap.
     */
    @Test
    void shouldLoseNoLineSampleOrTrapWhileTheSpoolCarriesTheOutage() throws Exception {
        try (SnmpThroughOutage fleet = new SnmpThroughOutage(data.resolve("fleet"))) {
            startCollector(SpoolSettings.in(data.resolve("spool"), SpoolSettings.DEFAULT_MAX_BYTES), fleet.ingest(),
                    fleet.snmp());
            fleet.start();

            Outage o = loadThroughAnOutage(fleet);
            await().atMost(Duration.ofSeconds(30)).until(() -> gauge("tunnelwatch.spool.bytes") == 0
                    && gauge("tunnelwatch.spool.bytes", Topics.COUNTERS.name()) == 0);
            // The polls go on: the collector stops here, so that what Kafka acknowledged is final when read.
            collector.close();
            collector = null;
            SnmpThroughOutage.Seen snmp = SnmpThroughOutage.read(broker.bootstrapServers());
            LOG.info("Through the outage: {} traps sent, {} on the topic, {} twice; {} counter samples of {} peers"
                            + " on the topic ({} published), {} twice, {} polled during the outage, longest gap"
                            + " {}; counters spooled {} replayed {}", o.traps, snmp.traps().cardinality(),
                    snmp.trapRepeats(), snmp.sampleRecords(), snmp.samples().size(),
                    published(Topics.COUNTERS.name()), snmp.sampleRepeats(),
                    snmp.polledBetween(o.down, o.up), snmp.longestSampleGap(),
                    spool("tunnelwatch.spool.records.spooled", Topics.COUNTERS.name()),
                    spool("tunnelwatch.spool.replayed", Topics.COUNTERS.name()));

            SnmpThroughOutage.assertEveryTrapArrived(snmp, o.traps);
            assertThat(snmp.trapRepeats()).as("traps written twice").isZero();
            assertThat(trapsAccepted()).as("traps the collector accepted").isEqualTo(o.traps);
            assertThat(snmp.samples().keySet()).as("peers polled")
                    .allMatch(k -> SnmpThroughOutage.fleetRouters().contains(k.substring(0, k.indexOf('|'))))
                    .hasSizeGreaterThanOrEqualTo(6);
            assertThat(snmp.sampleRepeats()).as("samples written twice").isZero();
            assertThat((double) snmp.sampleRecords()).as("samples on the topic = samples Kafka acknowledged")
                    .isEqualTo(published(Topics.COUNTERS.name()));
            assertThat(snmp.polledBetween(o.down, o.up)).as("samples polled while the broker was down")
                    .isPositive();
            // Samples lost to the outage would leave a gap as long as the outage in some peer's series.
            assertThat(snmp.longestSampleGap()).as("longest time between two samples of a peer on the topic")
                    .isLessThan(Duration.ofSeconds(OUTAGE_SECONDS / 2));
            assertThat(registry.find("tunnelwatch.snmp.samples.dropped").counters().stream()
                    .mapToDouble(Counter::count).sum()).as("samples dropped").isZero();
            assertThat(spool("tunnelwatch.spool.records.spooled", Topics.COUNTERS.name()))
                    .as("samples spooled").isPositive();
            assertThat(spool("tunnelwatch.spool.dropped", Topics.COUNTERS.name())).as("samples the spool lost")
                    .isZero();
            assertSyslogCarried(o);
        }
    }

    private void assertSyslogCarried(Outage o) {

        assertThat(o.written(Kind.TCP)).as("TCP lines on the topic").isEqualTo(o.lines);
        assertThat(o.written(Kind.TLS)).as("TLS lines on the topic").isEqualTo(o.lines);
        // Datagrams the kernel dropped never arrive; every one that did is on the topic.
        assertThat(o.written(Kind.UDP)).as("UDP lines on the topic").isEqualTo((long) received(Kind.UDP));
        assertThat(o.duplicates).as("lines written twice").containsOnly(
                Map.entry(Kind.TCP, 0), Map.entry(Kind.TLS, 0), Map.entry(Kind.UDP, 0));
        assertThat(dropped()).as("lines dropped").isZero();
        assertThat(failed()).as("records Kafka did not take").isZero();
        assertThat(spool("tunnelwatch.spool.records.spooled")).as("records spooled").isPositive();
        assertThat(spool("tunnelwatch.spool.replayed")).as("records replayed").isPositive()
                .isLessThanOrEqualTo(spool("tunnelwatch.spool.records.spooled"));
        assertThat(spool("tunnelwatch.spool.dropped")).as("records the spool lost").isZero();
    }

    /**
     * What the topic holds after an outage under load, by transport; when the broker went down and came back; the
     * traps sent meanwhile.
     */
    private record Outage(int lines, Map<Kind, BitSet> seen, Map<Kind, Integer> duplicates, Instant down, Instant up,
                          int traps) {
        long written(Kind kind) {
            return seen.get(kind).cardinality();
        }
    }

    /**
     * Sends numbered lines over every transport at a steady rate, stops the broker after {@link #MARGIN_SECONDS},
     * holds it down for {@link #OUTAGE_SECONDS} (checking that nothing is acknowledged meanwhile), starts it again,
     * sends {@link #MARGIN_SECONDS} more, waits until every line received is accounted for, and reads the topic back.
     */
    private Outage loadThroughAnOutage(SnmpThroughOutage fleet) throws Exception {
        int lines = LINES_PER_SECOND * (OUTAGE_SECONDS + 2 * MARGIN_SECONDS);
        Duration loadTime = Duration.ofSeconds(OUTAGE_SECONDS + 2L * MARGIN_SECONDS);
        long start = System.nanoTime();
        Map<Kind, CompletableFuture<Duration>> senders = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            senders.put(kind, CompletableFuture.supplyAsync(() -> send(kind, lines, start, loadTime)));
        }

        await().atMost(Duration.ofSeconds(MARGIN_SECONDS + 10)).until(() -> published() > 0
                && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(MARGIN_SECONDS));
        broker.close();
        Instant down = Instant.now();
        double publishedAtStop = published();
        long outageStart = System.nanoTime();
        // Nothing is acknowledged while the broker is away; the queue fills, TCP and TLS reads pause.
        await().during(Duration.ofSeconds(OUTAGE_SECONDS)).atMost(Duration.ofSeconds(OUTAGE_SECONDS + 10))
                .until(() -> published() == publishedAtStop);
        double queueAtRestart = gauge("tunnelwatch.publish.queue.depth");
        double spoolAtRestart = gauge("tunnelwatch.spool.bytes");
        broker.start();
        Instant up = Instant.now();
        Duration outage = Duration.ofNanos(System.nanoTime() - outageStart);

        Map<Kind, Duration> lag = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            lag.put(kind, senders.get(kind).get(loadTime.toSeconds() + OUTAGE_SECONDS + 120L, TimeUnit.SECONDS));
        }
        int traps = fleet == null ? 0 : fleet.stopTraps();
        await().atMost(Duration.ofMinutes(3)).until(() -> received(Kind.TCP) == lines
                && received(Kind.TLS) == lines
                && trapsAccepted() + trapsRefused() == traps
                && received(Kind.UDP) + received(Kind.TCP) + received(Kind.TLS) + trapsAccepted()
                == published() + dropped() + failed());

        Map<Kind, BitSet> seen = new EnumMap<>(Kind.class);
        Map<Kind, Integer> duplicates = new EnumMap<>(Kind.class);
        readEvents(broker.bootstrapServers(), seen, duplicates);
        LOG.info("Broker outage of {} s: {} lines per transport at {}/s; queue at restart {}, spool {} bytes; sender"
                        + " lag tcp {} tls {} udp {}; udp received {} written {} dropped {} (queue_full {},"
                        + " spool_full {}); tcp written {} tls written {}; duplicates {}; failed {}; spooled {}"
                        + " replayed {}", outage.toSeconds(), lines, LINES_PER_SECOND, queueAtRestart,
                spoolAtRestart, lag.get(Kind.TCP), lag.get(Kind.TLS), lag.get(Kind.UDP), received(Kind.UDP),
                seen.get(Kind.UDP).cardinality(), dropped(), dropped(Kind.UDP, "queue_full"),
                dropped(Kind.UDP, "spool_full"), seen.get(Kind.TCP).cardinality(), seen.get(Kind.TLS).cardinality(),
                duplicates, failed(), spool("tunnelwatch.spool.records.spooled"),
                spool("tunnelwatch.spool.replayed"));
        return new Outage(lines, seen, duplicates, down, up, traps);
    }

    /** Sends {@code lines} numbered lines evenly over {@code loadTime}; answers how far behind schedule it ended. */
    private Duration send(Kind kind, int lines, long start, Duration loadTime) {
        long spacing = loadTime.toNanos() / lines;
        try (Sender sender = kind.open(collector)) {
            for (int n = 0; n < lines; n++) {
                long due = start + n * spacing;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sender.send(line(n));
            }
            return Duration.ofNanos(System.nanoTime() - start - loadTime.toNanos());
        } catch (IOException e) {
            throw new UncheckedIOException(kind + " sender", e);
        }
    }

    /** A session-down line whose router time carries its number: milliseconds into the day. */
    static String line(int n) {
        String time = String.format("%02d:%02d:%02d.%03d", n / 3_600_000, n / 60_000 % 60, n / 1000 % 60, n % 1000);
        return "<189>" + n + ": *Nov 26 " + time + ": %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer "
                + "192.0.2.7:500  Id: 192.0.2.7";
    }

    static int number(String routerTime) {
        String t = routerTime.substring(routerTime.length() - 12);
        return Integer.parseInt(t.substring(0, 2)) * 3_600_000 + Integer.parseInt(t.substring(3, 5)) * 60_000
                + Integer.parseInt(t.substring(6, 8)) * 1000 + Integer.parseInt(t.substring(9, 12));
    }

    /** Reads {@code tunnelwatch.events} from the start: which numbered lines arrived, by transport, and repeats. */
    static void readEvents(String bootstrapServers, Map<Kind, BitSet> seen, Map<Kind, Integer> duplicates) {
        for (Kind kind : Kind.values()) {
            seen.put(kind, new BitSet());
            duplicates.put(kind, 0);
        }
        var deserializer = Topics.EVENTS.valueSerde().deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TunnelEvent event = deserializer.deserialize(r.topic(), r.value());
                    if ("snmp".equals(event.transport())) {
                        continue; // traps: SnmpThroughOutage reads them
                    }
                    Kind kind = Kind.valueOf(event.transport().toUpperCase(java.util.Locale.ROOT));
                    int n = number(event.routerTime());
                    if (seen.get(kind).get(n)) {
                        duplicates.merge(kind, 1, Integer::sum);
                    }
                    seen.get(kind).set(n);
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
    }

    private double published() {
        return published(Topics.EVENTS.name());
    }

    private double published(String topic) {
        Counter c = registry.find("tunnelwatch.kafka.published").tag("topic", topic).counter();
        return c == null ? 0 : c.count();
    }

    private double trapsAccepted() {
        return registry.find("tunnelwatch.snmp.traps").tag("outcome", "accepted").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Traps received and not accepted (refused, undecodable or dropped): none expected, but never waited for. */
    private double trapsRefused() {
        return registry.find("tunnelwatch.snmp.traps").counters().stream()
                .filter(c -> !"accepted".equals(c.getId().getTag("outcome"))).mapToDouble(Counter::count).sum();
    }

    private double failed() {
        return registry.find("tunnelwatch.kafka.failed").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double received(Kind kind) {
        Counter c = registry.find("tunnelwatch.syslog.received").tag("transport", kind.label()).counter();
        return c == null ? 0 : c.count();
    }

    private double dropped() {
        return registry.find("tunnelwatch.syslog.dropped").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double dropped(Kind kind, String reason) {
        Counter c = registry.find("tunnelwatch.syslog.dropped").tags("transport", kind.label(), "reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private double spool(String name) {
        return spool(name, Topics.EVENTS.name());
    }

    private double spool(String name, String topic) {
        return registry.find(name).tag("topic", topic).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double gauge(String name) {
        return gauge(name, Topics.EVENTS.name());
    }

    private double gauge(String name, String topic) {
        var g = registry.find(name).tag("topic", topic).gauge();
        return g == null ? Double.NaN : g.value();
    }

    private interface Sender extends AutoCloseable {
        void send(String line) throws IOException;

        @Override
        void close() throws IOException;
    }

    enum Kind {
        TCP, TLS, UDP;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Sender open(Collector c) throws IOException {
            return switch (this) {
                case TCP -> stream(new Socket("127.0.0.1", c.syslogTcpAddress().getPort()));
                case TLS -> stream(trustingAnyServer().getSocketFactory()
                        .createSocket("127.0.0.1", c.syslogTlsAddress().getPort()));
                case UDP -> datagrams(new InetSocketAddress("127.0.0.1", c.syslogUdpAddress().getPort()));
            };
        }

        private static Sender stream(Socket socket) throws IOException {
            OutputStream out = socket.getOutputStream();
            return new Sender() {
                @Override
                public void send(String line) throws IOException {
                    out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                    socket.close();
                }
            };
        }

        private static Sender datagrams(InetSocketAddress to) throws IOException {
            DatagramSocket socket = new DatagramSocket();
            return new Sender() {
                @Override
                public void send(String line) throws IOException {
                    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
                    socket.send(new DatagramPacket(bytes, bytes.length, to));
                }

                @Override
                public void close() {
                    socket.close();
                }
            };
        }

        /** The test's own self-signed server certificate; what is tested here is the flow, not the trust. */
        private static SSLContext trustingAnyServer() {
            TrustManager any = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {any}, null);
                return context;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
