package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.EmbeddedBrokerConfig;
import io.tunnelwatch.broker.EmbeddedKafkaBroker;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out of README.md as a user runs it: a broker with the 12-partition topic set, and two
 * {@code tunnelwatch streams --bootstrap-servers … --http-port …} processes (the packaged jar, each its own JVM and
 * data directory) sharing one application id. A fleet of {@link #PEERS} peers on one device, each tunnel up and
 * then passing traffic one way only, opens one DecapsStalled per peer. Both instances own peers; every peer answers
 * on either instance ({@code 307} to the owner followed); the instances' metrics add up to the fleet. Then one
 * instance goes away, stopped cleanly (SIGTERM) or killed ({@code kill -9} of its JVM): the other takes over its
 * peers with their state restored from the changelog, every alert stays open exactly once, and on
 * {@code tunnelwatch.alerts} (read committed) each peer has exactly one OPENED and, after the repair, one RESOLVED.
 *
 * <p>Session timeout: a killed instance never says goodbye, so its partitions move only when the group coordinator
 * gives up on it ({@code session.timeout.ms}, 45 s by default). The instances get 6 s (the broker's minimum,
 * heartbeat every 2 s) in their {@code --kafka-config} file, as an operator who wants fast failover would set it;
 * the recovery time printed by the kill test is that plus the abort of the dead instance's open transaction and the
 * restore.
 */
class ScaleOutIT {

    static final int PEERS = 24;
    static final String DEVICE = "rtr-scale";

    @TempDir
    Path work;

    private EmbeddedKafkaBroker broker;
    private KafkaProducer<PeerKey, CounterSample> counters;
    private KafkaProducer<PeerKey, TunnelEvent> events;
    private AlertsReader alerts;
    private final int[] http = {PortProbe.freePort(), PortProbe.freePort()};
    private final TunnelwatchProcess[] instances = new TunnelwatchProcess[2];
    private final List<String> peers = IntStream.rangeClosed(1, PEERS).mapToObj(i -> "198.51.100." + i).toList();

    private static final HttpClient FOLLOWING = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final HttpClient DIRECT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void startBrokerAndTwoStreamsInstances() throws Exception {
        broker = new EmbeddedKafkaBroker(EmbeddedBrokerConfig.defaults(work.resolve("broker"))
                .withPorts(PortProbe.freePort(), PortProbe.freePort()));
        broker.start();
        Path kafkaConfig = Files.writeString(work.resolve("kafka-client.properties"),
                "consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=2000\n");
        // One after the other: the first creates the topics, the second joins its group.
        for (int i = 0; i < 2; i++) {
            TunnelwatchProcess p = TunnelwatchProcess.start(Files.createDirectories(work.resolve("streams-" + i)),
                    "streams",
                    "--bootstrap-servers", broker.bootstrapServers(),
                    "--http-host", "127.0.0.1",
                    "--http-port", String.valueOf(http[i]),
                    "--data-dir", work.resolve("streams-" + i).resolve("data").toString(),
                    "--kafka-config", kafkaConfig.toString(),
                    "--flat-samples", "3",
                    "--resolve-after", "3");
            instances[i] = p;
            // A JVM start plus topic creation and the first rebalance: minutes when the machine is loaded.
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                    .failFast("tunnelwatch streams exited", () -> !p.isAlive())
                    .until(() -> p.printed("tunnelwatch streams is ready"));
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        counters = new KafkaProducer<>(p, Topics.COUNTERS.keySerde().serializer(),
                Topics.COUNTERS.valueSerde().serializer());
        events = new KafkaProducer<>(p, Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer());
        alerts = new AlertsReader(broker.bootstrapServers(), DEVICE);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {counters, events, alerts}) {
            if (c != null) {
                c.close();
            }
        }
        for (TunnelwatchProcess p : instances) {
            if (p != null) {
                p.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldShareThePeersAndHandThemOverWithEachAlertOpenOnceWhenAnInstanceStopsCleanly() throws Exception {
        openOneAlertPerPeer();
        assertThat(instances[1].stop(20)).as(instances[1].describe()).isNotEqualTo(-1);
        long recovered = awaitSurvivorServesEveryPeer();
        System.out.printf("ScaleOutIT: after a clean stop the survivor served every peer in %d ms%n", recovered);
        continueAndRepair();
    }

    @Test
    void shouldMoveThePeersOfAKilledInstanceWithEachAlertOpenOnceAndMeasureTheRecovery() throws Exception {
        openOneAlertPerPeer();
        instances[1].kill();
        long recovered = awaitSurvivorServesEveryPeer();
        System.out.printf("ScaleOutIT: kill -9 of one instance: the survivor served every moved peer's alert"
                + " %d ms after the kill%n", recovered);
        continueAndRepair();
    }

    /** Tunnels up, then three one-way polls per peer: one DecapsStalled per peer, spread over both instances. */
    private void openOneAlertPerPeer() throws Exception {
        peers.forEach(peer -> {
            send(RestartScenario.event(DEVICE, peer, EventKind.IKE_STATE, Map.of("state", "QM_IDLE")));
            send(RestartScenario.event(DEVICE, peer, EventKind.SESSION_UP, Map.of()));
        });
        oneWayPolls(3);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(alerts.lifecycles()).hasSize(PEERS).allSatisfy((peer, steps) ->
                        assertThat(steps).singleElement().asString().startsWith("OPENED DecapsStalled")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String[] pages = {MetricsScrape.page(http[0]), MetricsScrape.page(http[1])};
            int[] owned = {phaseSeries(pages[0]), phaseSeries(pages[1])};
            assertThat(owned[0]).as("peers owned by instance 0").isPositive();
            assertThat(owned[1]).as("peers owned by instance 1").isPositive();
            assertThat(owned[0] + owned[1]).as("peer phase series of both instances").isEqualTo(PEERS);
            assertThat(openAlerts(pages[0]) + openAlerts(pages[1])).as("open alerts of both").isEqualTo(PEERS);
        });
        for (int port : http) {
            for (String peer : peers) {
                HttpResponse<String> r = get(FOLLOWING, port, peer);
                assertThat(r.statusCode()).as("%s on :%d", peer, port).isEqualTo(200);
                assertThat(r.body()).contains("DecapsStalled");
            }
        }
    }

    /** From now until instance 0 answers 200 itself for every peer with its alert open, and counts them all. */
    private long awaitSurvivorServesEveryPeer() {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String peer : peers) {
                HttpResponse<String> r = get(DIRECT, http[0], peer);
                assertThat(r.statusCode()).as("%s on the survivor", peer).isEqualTo(200);
                assertThat(r.body()).contains("DecapsStalled");
            }
        });
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String page = MetricsScrape.page(http[0]);
            assertThat(phaseSeries(page)).as("peer phase series on the survivor").isEqualTo(PEERS);
            assertThat(openAlerts(page)).as("open alerts on the survivor").isEqualTo(PEERS);
        });
        return millis;
    }

    /** The fault goes on (no second open, no resolve), then the repair resolves each alert exactly once. */
    private void continueAndRepair() {
        oneWayPolls(2);
        Map<String, List<String>> open = alerts.lifecycles();
        assertThat(open).hasSize(PEERS).allSatisfy((peer, steps) ->
                assertThat(steps).singleElement().asString().startsWith("OPENED DecapsStalled"));
        for (int i = 0; i < 3; i++) {
            peers.forEach(peer -> send(RestartScenario.sample(DEVICE, peer, 100, 80)));
        }
        counters.flush();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(alerts.lifecycles()).hasSize(PEERS).allSatisfy((peer, steps) ->
                        assertThat(steps).as(peer).containsExactly(open.get(peer).get(0),
                                open.get(peer).get(0).replaceFirst("^OPENED", "RESOLVED"))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(openAlerts(MetricsScrape.page(http[0]))).isZero());
    }

    private void oneWayPolls(int polls) {
        for (int i = 0; i < polls; i++) {
            peers.forEach(peer -> send(RestartScenario.sample(DEVICE, peer, 100, 0)));
        }
        counters.flush();
        events.flush();
    }

    private static int phaseSeries(String page) {
        return (int) page.lines().filter(l -> l.startsWith("tunnelwatch_peer_phase{")
                && l.contains("device=\"" + DEVICE + "\"")).count();
    }

    private static int openAlerts(String page) {
        Matcher m = Pattern.compile("^tunnelwatch_alerts_open\\{[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(page);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (int) sum;
    }

    private static HttpResponse<String> get(HttpClient client, int port, String peer) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/peers/" + DEVICE + "/"
                + peer)).header("Accept", "application/json").timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void send(CounterSample s) {
        counters.send(new ProducerRecord<>(Topics.COUNTERS.name(), null, s.polledAt().toEpochMilli(), s.key(), s));
    }

    private void send(TunnelEvent e) {
        events.send(new ProducerRecord<>(Topics.EVENTS.name(), null, e.receivedAt().toEpochMilli(), e.key(), e));
    }
}
