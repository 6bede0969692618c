package io.tunnelwatch.streams.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.StreamsApp;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.metrics.TunnelwatchMeters;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app on the test broker meets garbage and absurd records on its input topics: each is counted once by
 * topic and reason and skipped, the app stays RUNNING, and a real fault of a peer after them still opens its alert.
 */
class PoisonRecordsIT {

    private static final String EVENTS = Topics.EVENTS.name();
    private static final String COUNTERS = Topics.COUNTERS.name();

    @TempDir
    Path stateDir;

    private final PeerKey peer = new PeerKey("rtr-poison-" + UUID.randomUUID(), "198.51.100.9");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private StreamsApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldCountAndSkipEveryPoisonRecordAndStillOpenTheAlertOfARealFaultAfterThem() throws Exception {
        String bootstrap = KafkaFixture.bootstrapServers(StreamsTopics.ALL);
        app = new StreamsApp(new StreamsSettings(bootstrap, "tunnelwatch-poison-" + UUID.randomUUID(), stateDir, 1,
                1, null, Map.of()), registry);
        app.start();
        assertThat(app.awaitRunning(Duration.ofMinutes(2))).isTrue();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] key = peer.utf8();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            long t = now.toEpochMilli();
            send(producer, EVENTS, t, key, new byte[] {(byte) 0xff, 0x00, 0x7b, (byte) 0xc3});
            send(producer, EVENTS, t, key, utf8("{\"v\":1,\"kind\":\"TUNNEL_ON_FIRE\",\"device\":\"" + peer.device()
                    + "\",\"peer\":\"" + peer.peer() + "\",\"receivedAt\":\"" + now + "\"}"));
            send(producer, EVENTS, t, utf8("no-separator"), event(EventKind.SESSION_UP, now));
            send(producer, EVENTS, t, key, new byte[0]);
            send(producer, EVENTS, t, key, null);
            send(producer, EVENTS, t, null, event(EventKind.SESSION_UP, now));
            send(producer, EVENTS, t, key, event(EventKind.SESSION_DOWN, Instant.parse("2100-01-01T00:00:00Z")));
            send(producer, EVENTS, 1_000L, key, event(EventKind.SESSION_DOWN, Instant.ofEpochMilli(1_000L)));
            send(producer, EVENTS, t, key, utf8(Json.mapper().writeValueAsString(Map.of("v", 1, "kind", "SESSION_UP",
                    "device", peer.device(), "peer", peer.peer(), "severity", 42, "receivedAt", now.toString()))));
            send(producer, COUNTERS, t, key, utf8("not json at all"));
            send(producer, COUNTERS, t, key, sample(now, -3, -1));
            send(producer, COUNTERS, t, key, sample(Instant.parse("2100-01-01T00:00:00Z"), 1, 5));

            // the real fault after the poison: IKE comes up, the IPsec SA is refused
            send(producer, EVENTS, t + 1, key, event(EventKind.IKE_SA_UP, now.plusMillis(1)));
            send(producer, EVENTS, t + 2, key, event(EventKind.IPSEC_SETUP_FAILED, now.plusMillis(2)));
            producer.flush();
        }

        List<AlertRecord> alerts = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(StreamsTopics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(key, r.key())) {
                        alerts.add(StreamsTopics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    }
                }
                assertThat(alerts).extracting(AlertRecord::alert).containsExactly("IpsecNegotiationFailed");
            });
        }

        assertThat(rejected(EVENTS, RejectReason.UNREADABLE_VALUE)).as("garbage, an unknown kind").isEqualTo(2);
        assertThat(rejected(EVENTS, RejectReason.UNREADABLE_KEY)).isEqualTo(1);
        assertThat(rejected(EVENTS, RejectReason.EMPTY_VALUE)).as("zero bytes, a tombstone").isEqualTo(2);
        assertThat(rejected(EVENTS, RejectReason.NULL_KEY)).isEqualTo(1);
        assertThat(rejected(EVENTS, RejectReason.TIME_OUT_OF_RANGE)).as("2100, 1970").isEqualTo(2);
        assertThat(rejected(EVENTS, RejectReason.INVALID_VALUE)).as("severity 42").isEqualTo(1);
        assertThat(rejected(COUNTERS, RejectReason.UNREADABLE_VALUE)).isEqualTo(1);
        assertThat(rejected(COUNTERS, RejectReason.NEGATIVE_COUNTER)).isEqualTo(1);
        assertThat(rejected(COUNTERS, RejectReason.TIME_OUT_OF_RANGE)).isEqualTo(1);
        assertThat(rejected(COUNTERS, RejectReason.NULL_KEY)).isZero();
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private double rejected(String topic, RejectReason reason) {
        return registry.get(TunnelwatchMeters.RECORDS_REJECTED.meterName()).tag("topic", topic)
                .tag("reason", reason.tag()).counter().count();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, long timestamp, byte[] key,
                             byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
    }

    private byte[] event(EventKind kind, Instant at) {
        return Topics.EVENTS.valueSerde().serializer().serialize(EVENTS, new TunnelEvent(TunnelEvent.VERSION, kind,
                null, peer.device(), peer.peer(), IkeVersion.IKEV2, "CRYPTO-5-" + kind, 5,
                Map.of("fail_reason", "Transform set mismatch"), null, at, "192.0.2.9", "tcp", kind + " text"));
    }

    private byte[] sample(Instant at, int saCount, long packets) {
        var counters = new CounterSample.Counters(packets, packets, 0, 0, 0, 0, 0, 0, 0, 0);
        return Topics.COUNTERS.valueSerde().serializer().serialize(COUNTERS, new CounterSample(CounterSample.VERSION,
                peer.device(), peer.peer(), at, true, saCount, null, null, counters, counters));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
