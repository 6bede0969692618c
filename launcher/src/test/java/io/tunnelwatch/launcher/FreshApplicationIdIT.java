package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new deployment on a cluster that already holds days of events: {@code tunnelwatch.events} and
 * {@code tunnelwatch.counters} hold, with the record times of three days ago, an incident that ended (a tunnel down
 * for ten minutes, polled without SA meanwhile: PeerUnreachable opened and resolved back then) and one still going
 * on (a tunnel that went down and never came back). A streams app with a fresh application id reads them all from the
 * beginning: it rebuilds both peers' state, opens nothing for the incident that ended (on {@code tunnelwatch.alerts}
 * or {@code /metrics}) and opens the one still going on exactly once, judged at the present once caught up.
 */
class FreshApplicationIdIT {

    /** Short, so the partitions count as caught up after seconds of quiet rather than minutes. */
    private static final Duration HORIZON = Duration.ofSeconds(10);
    private static final String RESOLVED = "198.51.100.21";
    private static final String ONGOING = "198.51.100.22";

    @TempDir
    Path work;

    @Test
    void shouldOpenNothingForAnIncidentThatEndedDaysAgoAndOpenTheOneStillGoingOnOnce() {
        String device = "rtr-past-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        Instant daysAgo = start.minus(Duration.ofDays(3));
        Instant hourLater = daysAgo.plus(Duration.ofHours(1));
        writeOld(List.of(
                event(device, RESOLVED, EventKind.SESSION_DOWN, daysAgo),
                event(device, RESOLVED, EventKind.SESSION_UP, daysAgo.plus(Duration.ofMinutes(10))),
                event(device, ONGOING, EventKind.SESSION_DOWN, hourLater)), List.of(
                poll(device, RESOLVED, 0, daysAgo.plus(Duration.ofMinutes(2))),
                poll(device, RESOLVED, 1, daysAgo.plus(Duration.ofMinutes(12))),
                poll(device, ONGOING, 0, hourLater.plus(Duration.ofMinutes(2)))));

        try (AlertsReader alerts = new AlertsReader(KafkaFixture.bootstrapServers(StreamsTopics.ALL), device);
             Pipeline fresh = new Pipeline(FixturePipelines.streamsOnly(work.resolve("fresh"), PortProbe.freePort(),
                     "tw-it-fresh-" + UUID.randomUUID(), DetectorSettings.defaults().withCatchUpHorizon(HORIZON)))
                     .start()) {
            int http = fresh.httpAddress().getPort();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(MetricsScrape.peerPhase(http, device, RESOLVED)).as("rebuilt from the old events")
                        .isEqualTo(OptionalDouble.of(PeerPhase.PASSING_TRAFFIC.code()));
                assertThat(MetricsScrape.peerPhase(http, device, ONGOING))
                        .isEqualTo(OptionalDouble.of(PeerPhase.DOWN.code()));
            });

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(alerts.lifecycles()).as("the incident still going on opens once caught up")
                            .containsOnlyKeys(ONGOING).extractingByKey(ONGOING).asList().singleElement(STRING)
                            .startsWith("OPENED PeerUnreachable"));
            Map<String, List<String>> opened = alerts.lifecycles();
            assertThat(alerts.alerts()).singleElement().satisfies(a -> assertThat(a.openedAt())
                    .as("judged at the present").isAfter(start));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                            assertThat(alerts.lifecycles()).as("nothing for the incident that ended, nothing twice")
                                    .isEqualTo(opened));
            List<String> series = alertSeries(MetricsScrape.page(http), device);
            assertThat(series).singleElement(STRING).contains("peer=\"" + ONGOING + "\"")
                    .contains("alert=\"PeerUnreachable\"");
        }
    }

    /** Events and polls as the collector published them back then: record time = receive or poll time. */
    private static void writeOld(List<TunnelEvent> events, List<CounterSample> polls) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers(StreamsTopics.ALL),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<PeerKey, TunnelEvent> eventsOut = new KafkaProducer<>(config,
                Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer());
             KafkaProducer<PeerKey, CounterSample> countersOut = new KafkaProducer<>(config,
                     Topics.COUNTERS.keySerde().serializer(), Topics.COUNTERS.valueSerde().serializer())) {
            events.forEach(e -> eventsOut.send(new ProducerRecord<>(Topics.EVENTS.name(), null,
                    e.receivedAt().toEpochMilli(), e.key(), e)));
            polls.forEach(p -> countersOut.send(new ProducerRecord<>(Topics.COUNTERS.name(), null,
                    p.polledAt().toEpochMilli(), p.key(), p)));
        }
    }

    /** A poll of the peer's SAs: none while its tunnel is down, one with traffic both ways once it is back. */
    private static CounterSample poll(String device, String peer, int saCount, Instant at) {
        long packets = saCount == 0 ? 0 : 100;
        CounterSample.Counters deltas = new CounterSample.Counters(packets, packets, packets * 100, packets * 100,
                0, 0, 0, 0, 0, 0);
        return new CounterSample(CounterSample.VERSION, device, peer, at, true, saCount, null, null, deltas, deltas);
    }

    private static TunnelEvent event(String device, String peer, EventKind kind, Instant at) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, device, peer, IkeVersion.IKEV2,
                "CRYPTO-5-" + kind.name(), 5, Map.of(), null, at, "192.0.2.1", "udp",
                kind.name().toLowerCase() + " from " + peer);
    }

    /** The {@code tunnelwatch_peer_alert} series of the device on a /metrics page. */
    private static List<String> alertSeries(String page, String device) {
        return page.lines().filter(l -> l.startsWith("tunnelwatch_peer_alert{"))
                .filter(l -> l.contains("device=\"" + device + "\"")).toList();
    }
}
