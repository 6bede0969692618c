package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.sourced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app on the test broker under exactly-once, with a commit interval far longer than the test: an alert that
 * opens still reaches {@code read_committed} readers of {@code tunnelwatch.alerts}, because forwarding it asks for a
 * commit ({@link UrgentCommits}). Without that request it would wait for the interval.
 */
class UrgentCommitsIT {

    /** Far beyond the test's wait: only a requested commit makes the alert visible in time. */
    private static final Duration COMMIT_INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path stateDir;

    private final PeerKey peer = new PeerKey("rtr-urgent-" + UUID.randomUUID(), "198.51.100.7");

    @Test
    void shouldCommitAnOpenedAlertLongBeforeTheCommitInterval() {
        String bootstrap = KafkaFixture.bootstrapServers(StreamsTopics.ALL);
        // The session went down two minutes ago: PeerUnreachable is due at once, and the input is live, not history.
        try (AppOnBroker app = AppOnBroker.start(bootstrap, stateDir,
                Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(COMMIT_INTERVAL.toMillis()),
                        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                        String.valueOf(COMMIT_INTERVAL.toMillis())),
                DetectorSettings.defaults().withCatchUpHorizon(Duration.ofMinutes(10)));
             var consumer = AppOnBroker.committedReader(bootstrap,
                     StreamsTopics.ALERTS.valueSerde().deserializer())) {
            Instant down = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(2));
            produce(bootstrap, ofThisPeer(sourced(down, "session-down-v2", "port", 500)));

            List<AlertRecord> alerts = new ArrayList<>();
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                alerts.addAll(AppOnBroker.readNew(consumer, StreamsTopics.ALERTS.name(), peer));
                assertThat(alerts).extracting(AlertRecord::action, AlertRecord::alert)
                        .contains(tuple(AlertRecord.Action.OPENED, "PeerUnreachable"));
            });
        }
    }

    private TunnelEvent ofThisPeer(TunnelEvent e) {
        return new TunnelEvent(e.v(), e.kind(), e.layer(), peer.device(), peer.peer(), e.ikeVersion(), e.mnemonic(),
                e.severity(), e.fields(), e.routerTime(), e.receivedAt(), e.source(), e.transport(), e.text());
    }

    private void produce(String bootstrap, TunnelEvent e) {
        String topic = Topics.EVENTS.name();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, e.receivedAt().toEpochMilli(),
                    Topics.EVENTS.keySerde().serializer().serialize(topic, peer),
                    Topics.EVENTS.valueSerde().serializer().serialize(topic, e)));
            producer.flush();
        }
    }
}
