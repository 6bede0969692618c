package io.tunnelwatch.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Raw copies reach {@code tunnelwatch.syslog.raw} keyed by device; a full queue says so instead of waiting. */
class RawLinePublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldWriteEveryQueuedLineKeyedByDeviceBeforeClosing() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        RawLinePublisher publisher = new RawLinePublisher(producer, 16, registry);

        assertThat(publisher.offer("rtr-hq-1", "%SYS-5-CONFIG_I: Configured")).isEqualTo(PublishOutcome.QUEUED);
        assertThat(publisher.offer("192.0.2.9", "hello")).isEqualTo(PublishOutcome.QUEUED);
        publisher.close();

        assertThat(producer.history()).extracting(ProducerRecord::topic, r -> utf8(r.key()), r -> utf8(r.value()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tunnelwatch.syslog.raw", "rtr-hq-1",
                                "%SYS-5-CONFIG_I: Configured"),
                        org.assertj.core.groups.Tuple.tuple("tunnelwatch.syslog.raw", "192.0.2.9", "hello"));
        assertThat(registry.get("tunnelwatch.kafka.published").tag("topic", "tunnelwatch.syslog.raw").counter()
                .count()).isEqualTo(2);
        assertThat(publisher.offer("x", "late")).isEqualTo(PublishOutcome.CLOSED);
    }

    @Test
    void shouldAnswerQueueFullWithoutBlockingWhenKafkaFallsBehind() {
        CountDownLatch kafkaStuck = new CountDownLatch(1);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                                                                    Callback callback) {
                        awaitUninterruptibly(kafkaStuck);
                        return super.send(record, callback);
                    }
                };
        RawLinePublisher publisher = new RawLinePublisher(producer, 2, registry);
        int full = 0;
        for (int i = 0; i < 10; i++) {
            if (publisher.offer("d", "line " + i) == PublishOutcome.QUEUE_FULL) {
                full++;
            }
        }
        kafkaStuck.countDown();
        publisher.close();

        // The queue holds two; the producer thread holds only the one it took, stuck in send: never more than
        // capacity + 1 lines accepted while Kafka is stuck.
        assertThat(full).isGreaterThanOrEqualTo(10 - (2 + 1));
        assertThat(producer.history()).hasSize(10 - full);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
