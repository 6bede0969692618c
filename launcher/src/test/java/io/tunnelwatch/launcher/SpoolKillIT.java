package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collector killed ({@code kill -9}) while the broker is away loses nothing it had accepted over TCP: the lines
 * are in its on-disk spool, and the next collector on the same spool directory replays them once the broker is
 * back. The collector runs as its own process (the jar, as a user runs it), so the kill is a real SIGKILL: no
 * shutdown hook, nothing flushed.
 */
class SpoolKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolKillIT.class);
    private static final String EVENTS = "topic=\"tunnelwatch.events\"";
    private static final int BEFORE = 500;
    private static final int DURING = 3_000;
    /** The sender's replay window: acknowledged replays not yet persisted, repeated after a crash at most. */
    private static final int REPLAY_WINDOW = 2_048;

    @TempDir
    Path work;

    private EmbeddedKafkaBroker broker;

    @BeforeEach
    void startBroker() {
        broker = BrokerOutageIT.startBroker(work.resolve("broker"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void shouldDeliverEveryLineAcceptedOverTcpWhenTheCollectorIsKilledDuringAnOutage() throws Exception {
        int tcpPort = PortProbe.freePort();
        int copied;
        try (TunnelwatchProcess first = collector(tcpPort);
             Socket socket = new Socket("127.0.0.1", tcpPort)) {
            int http = httpPort(first);
            OutputStream out = socket.getOutputStream();
            send(out, 0, BEFORE);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(http, "tunnelwatch_kafka_published_total{"
                    + EVENTS + "}") >= BEFORE);

            broker.close();
            send(out, BEFORE, BEFORE + DURING);
            // Accepted: read, handed on, and past the publish queue, either acknowledged before the outage or in
            // the spool (which records go to once the broker has been silent for the stall timeout).
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String page = MetricsScrape.page(http);
                return value(page, "tunnelwatch_syslog_received_total{transport=\"tcp\"}") == BEFORE + DURING
                        && value(page, "tunnelwatch_publish_queue_depth{" + EVENTS + "}") == 0
                        && value(page, "tunnelwatch_spool_records_spooled_total{" + EVENTS + "}")
                        + value(page, "tunnelwatch_kafka_published_total{" + EVENTS + "}") >= BEFORE + DURING;
            });
            first.kill();
            copied = copiedAtTheSwitch(first);
        }

        broker.start();
        try (TunnelwatchProcess second = collector(PortProbe.freePort())) {
            int http = httpPort(second);
            await().atMost(Duration.ofSeconds(60)).until(() -> metric(http, "tunnelwatch_spool_replayed_total{"
                    + EVENTS + "}") > 0 && metric(http, "tunnelwatch_spool_bytes{" + EVENTS + "}") == 0);
            second.stop(30);
        }

        Map<BrokerOutageIT.Kind, BitSet> seen = new EnumMap<>(BrokerOutageIT.Kind.class);
        Map<BrokerOutageIT.Kind, Integer> duplicates = new EnumMap<>(BrokerOutageIT.Kind.class);
        BrokerOutageIT.readEvents(broker.bootstrapServers(), seen, duplicates);
        BitSet tcp = seen.get(BrokerOutageIT.Kind.TCP);
        LOG.info("Killed during the outage: {} of {} TCP lines on the topic, {} twice; {} copied at the switch",
                tcp.cardinality(), BEFORE + DURING, duplicates.get(BrokerOutageIT.Kind.TCP), copied);
        assertThat(tcp.cardinality()).as("TCP lines on the topic").isEqualTo(BEFORE + DURING);
        assertThat(tcp.nextSetBit(BEFORE + DURING)).isEqualTo(-1);
        assertThat(duplicates.get(BrokerOutageIT.Kind.TCP)).as("lines written twice")
                .isLessThanOrEqualTo(copied + REPLAY_WINDOW);
    }

    private TunnelwatchProcess collector(int tcpPort) throws Exception {
        TunnelwatchProcess p = TunnelwatchProcess.start(work, "collector", "--bootstrap-servers",
                broker.bootstrapServers(), "--partitions", "3", "--syslog-host", "127.0.0.1", "--syslog-udp-port", "-1",
                "--syslog-tcp-port", String.valueOf(tcpPort), "--trap-port", "-1", "--http-host", "127.0.0.1",
                "--http-port", "0", "--spool-dir", work.resolve("spool").toString(),
                "--kafka-config", kafkaConfig().toString());
        // The ready banner is several lines: wait for the last one read here (the metrics address), not the first.
        await().atMost(Duration.ofSeconds(60)).failFast(() -> !p.isAlive())
                .until(() -> p.printed("is ready") && METRICS_LINE.matcher(String.join("\n", p.stdout())).find());
        return p;
    }

    /** The small producer buffer of {@link BrokerOutageIT}: the outage fills it within a second. */
    private Path kafkaConfig() throws java.io.IOException {
        return java.nio.file.Files.writeString(work.resolve("kafka.properties"),
                "producer.buffer.memory=262144\nproducer.batch.size=16384\n");
    }

    private static void send(OutputStream out, int from, int to) throws java.io.IOException {
        for (int n = from; n < to; n++) {
            out.write((BrokerOutageIT.line(n) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static final Pattern METRICS_LINE = Pattern.compile("metrics +https?://[^:]+:(\\d+)");

    private static int httpPort(TunnelwatchProcess p) {
        Matcher m = METRICS_LINE.matcher(String.join("\n", p.stdout()));
        assertThat(m.find()).as(p.describe()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** How many unacknowledged records the killed collector copied to the spool when it began to spool. */
    private static int copiedAtTheSwitch(TunnelwatchProcess p) {
        Matcher m = Pattern.compile("of tunnelwatch\\.events .* (\\d+) the producer held unacknowledged")
                .matcher(String.join("\n", p.stderr()));
        assertThat(m.find()).as(p.describe()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static double metric(int http, String series) {
        return value(MetricsScrape.page(http), series);
    }

    private static double value(String page, String series) {
        return MetricsScrape.value(page, series).orElse(0);
    }
}
