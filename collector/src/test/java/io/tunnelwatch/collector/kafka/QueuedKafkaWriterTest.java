package io.tunnelwatch.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.spool.Spool;
import io.tunnelwatch.collector.spool.SpoolingSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void shouldSpoolWhileKafkaIsSilentSayWhenTheSpoolIsFullAndReplayInOrderWhenKafkaAnswers(@TempDir Path dir) {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        QueuedKafkaWriter writer = new QueuedKafkaWriter("t", producer, 16, new SimpleMeterRegistry(),
                new Spool(dir, 1 << 20, Duration.ofMillis(100)));
        writer.offer(bytes("k"), bytes("0"), 0);
        await().until(() -> writer.mode() == SpoolingSender.Mode.SPOOLING);

        byte[] padding = new byte[8 * 1024];
        List<String> offered = new ArrayList<>(List.of("0"));
        for (int n = 1; ; n++) {
            PublishOutcome outcome = writer.offer(bytes("k"), value(n, padding), n);
            while (outcome == PublishOutcome.QUEUE_FULL) {
                // the publishing thread is still writing the queue to disk
                Thread.onSpinWait();
                outcome = writer.offer(bytes("k"), value(n, padding), n);
            }
            if (outcome == PublishOutcome.SPOOL_FULL) {
                break;
            }
            offered.add(Integer.toString(n));
        }
        assertThat(writer.fullOutcome()).isEqualTo(PublishOutcome.SPOOL_FULL);
        assertThat(offered.size()).as("records taken: the 1 MiB spool and the queue").isBetween(100, 160);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            while (producer.completeNext()) {
                // Kafka answers everything sent so far
            }
            return writer.mode() == SpoolingSender.Mode.DIRECT;
        });
        writer.close();

        assertThat(producer.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)
                .substring(0, Math.min(r.value().length, 8)).split(" ")[0]).containsExactlyElementsOf(offered);
        assertThat(dir.resolve("t")).isDirectoryNotContaining("glob:**.seg");
    }

    private static byte[] value(int n, byte[] padding) {
        byte[] number = (n + " ").getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(number, number.length + padding.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
