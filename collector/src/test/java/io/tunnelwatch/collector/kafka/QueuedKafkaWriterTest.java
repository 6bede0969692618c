package io.tunnelwatch.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** While Kafka is away, droppable records stop at three quarters of the queue; the rest is the streams' reserve. */
class QueuedKafkaWriterTest {

    @Test
    void shouldKeepTheTopQuarterOfTheQueueForStreamLinesWhileKafkaIsAway() {
        CountDownLatch brokerBack = new CountDownLatch(1);
        CountDownLatch sending = new CountDownLatch(1);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                                                                    Callback callback) {
                        sending.countDown();
                        try {
                            brokerBack.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return super.send(record, callback);
                    }
                };
        QueuedKafkaWriter writer =
                new QueuedKafkaWriter("t", producer, 16, new SimpleMeterRegistry());
        writer.offer(bytes("k"), bytes("first"), 0);
        await().until(() -> sending.getCount() == 0);

        int droppable = 0;
        while (writer.hasRoomForDroppable()) {
            assertThat(writer.offer(bytes("k"), bytes("udp " + droppable), 0)).isEqualTo(PublishOutcome.QUEUED);
            droppable++;
        }
        int reserve = 0;
        while (writer.offer(bytes("k"), bytes("tcp " + reserve), 0) == PublishOutcome.QUEUED) {
            reserve++;
        }
        brokerBack.countDown();
        writer.close();

        assertThat(droppable).isEqualTo(12);
        assertThat(reserve).isEqualTo(4);
        assertThat(writer.hasRoom()).isTrue();
        assertThat(producer.history()).hasSize(1 + droppable + reserve);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
