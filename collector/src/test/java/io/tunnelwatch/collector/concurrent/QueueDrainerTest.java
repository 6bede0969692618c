package io.tunnelwatch.collector.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscArrayQueue;
import org.junit.jupiter.api.Test;

class QueueDrainerTest {

    private record Item(int producer, int seq) {
    }

    @Test
    void takesEveryElementOfEachProducerInItsOrderAndTheRestAtClose() throws Exception {
        MpscArrayQueue<Item> queue = new MpscArrayQueue<>(1 << 16);
        List<Item> consumed = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        QueueDrainer<Item> drainer = new QueueDrainer<>("test-drainer", queue, consumed::add,
                batches::incrementAndGet, 64, Duration.ofMillis(20));
        int perProducer = 20_000;
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    while (!queue.offer(new Item(producer, i))) {
                        Thread.onSpinWait();
                    }
                }
            });
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        drainer.close();

        assertThat(drainer.closing()).isTrue();
        assertThat(queue.isEmpty()).isTrue();
        // The consumer runs on the drainer's thread alone; join() in close() publishes its writes to this one.
        assertThat(consumed).hasSize(2 * perProducer);
        int[] next = new int[2];
        for (Item item : consumed) {
            assertThat(item.seq()).as("producer %d", item.producer()).isEqualTo(next[item.producer()]++);
        }
        assertThat(batches.get()).isBetween(2 * perProducer / 64, 2 * perProducer);
    }

    @Test
    void anElementOfferedToAnIdleDrainerIsTaken() {
        MpscArrayQueue<Integer> queue = new MpscArrayQueue<>(16);
        List<Integer> consumed = new CopyOnWriteArrayList<>();
        try (QueueDrainer<Integer> drainer = new QueueDrainer<>("test-idle", queue, consumed::add, () -> { },
                16, Duration.ofMillis(20))) {
            for (int i = 0; i < 3; i++) {
                int element = i;
                queue.offer(element);
                await().atMost(Duration.ofSeconds(10)).until(() -> consumed.contains(element));
            }
            assertThat(consumed).containsExactly(0, 1, 2);
        }
    }
}
