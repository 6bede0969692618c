package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app on the test broker ({@code exactly_once_v2}, the store's record cache): a burst of events for one peer
 * within a commit reaches the {@code peer-state} changelog as one record per commit, not one per event, and
 * {@code tunnelwatch.peer-state} once (the new peer, at the next punctuation; the repeats change no verdict), while
 * the store ends with the same state an event-by-event write would leave.
 */
class PeerStateWritesIT {

    private static final int BURST = 200;
    /** Long enough that the burst is processed within one or two commits on a loaded machine. */
    private static final int COMMIT_INTERVAL_MS = 2_000;

    @TempDir
    Path stateDir;

    private final PeerKey peer = new PeerKey("rtr-burst-" + UUID.randomUUID(), "198.51.100.7");
    private AppOnBroker app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldWriteABurstOfEventsForOnePeerToTheChangelogOncePerCommitAndToPeerStateOnce() {
        String bootstrap = KafkaFixture.bootstrapServers(StreamsTopics.ALL);
        app = AppOnBroker.start(bootstrap, stateDir,
                Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(COMMIT_INTERVAL_MS)),
                DetectorSettings.defaults());

        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        Instant last = first.plusMillis(BURST - 1);
        produceBurst(bootstrap, first);

        String changelog = app.applicationId() + "-" + TunnelwatchTopology.PEER_STATE_STORE + "-changelog";
        List<PeerState> logged = new ArrayList<>();
        try (var consumer = AppOnBroker.committedReader(bootstrap, new PeerStateStoreSerde().deserializer())) {
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                logged.addAll(AppOnBroker.readNew(consumer, changelog, peer));
                assertThat(logged).isNotEmpty();
                assertThat(logged.get(logged.size() - 1).lastEventAt()).isEqualTo(last);
            });
            // The new peer is published by the punctuation after its first event, which may commit after the burst.
            List<PeerState> published = new ArrayList<>();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                published.addAll(AppOnBroker.readNew(consumer, StreamsTopics.PEER_STATE.name(), peer));
                assertThat(published).isNotEmpty();
            });
            published.addAll(readAll(consumer, StreamsTopics.PEER_STATE.name()));

            assertThat(logged).as("changelog records for %d events", BURST).hasSizeBetween(1, 3);
            PeerState finalState = logged.get(logged.size() - 1);
            assertThat(finalState.recentEvents()).hasSize(PeerState.MAX_EVENTS);
            assertThat(finalState.recentEvents().get(PeerState.MAX_EVENTS - 1).at()).isEqualTo(last);
            assertThat(published).as("the new peer; the repeats wait for the refresh").hasSize(1);
            assertThat(published.get(0).lastEventAt()).isBeforeOrEqualTo(last);
        }
    }

    private void produceBurst(String bootstrap, Instant first) {
        var keys = Topics.EVENTS.keySerde().serializer();
        var values = Topics.EVENTS.valueSerde().serializer();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArraySerializer",
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer"))) {
            for (int i = 0; i < BURST; i++) {
                Instant at = first.plusMillis(i);
                TunnelEvent e = new TunnelEvent(TunnelEvent.VERSION, EventKind.SESSION_UP, null, peer.device(),
                        peer.peer(), IkeVersion.IKEV2, "CRYPTO-5-SESSION_STATUS", 5, Map.of(), null, at,
                        "192.0.2.1", "tcp", "Crypto tunnel is UP.  Peer 198.51.100.7:500");
                String topic = Topics.EVENTS.name();
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), keys.serialize(topic, peer),
                        values.serialize(topic, e)));
            }
            producer.flush();
        }
    }

    /** This peer's records of {@code topic}, up to the last committed one. */
    private List<PeerState> readAll(KafkaConsumer<PeerKey, PeerState> consumer, String topic) {
        List<PeerState> mine = new ArrayList<>(AppOnBroker.readNew(consumer, topic, peer));
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            mine.addAll(AppOnBroker.readNew(consumer, topic, peer));
            return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return mine;
    }
}
