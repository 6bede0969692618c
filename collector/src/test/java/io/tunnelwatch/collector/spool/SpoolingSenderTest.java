package io.tunnelwatch.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender against a Kafka stand-in that keeps what it is sent until the test acknowledges or fails it (the
 * Kafka producer is the one part not run here; the spool is real, on disk).
 */
class SpoolingSenderTest {

    private static final long STALL = Duration.ofSeconds(2).toNanos();
    private static final SpoolingSender.Settings SETTINGS =
            new SpoolingSender.Settings(Duration.ofNanos(STALL), 64, 16);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SpoolMeters meters = new SpoolMeters("t", registry);
    private final Kafka kafka = new Kafka();
    private long now = 1_000;

    @Test
    void shouldSendStraightToKafkaAndWriteNothingWhileKafkaAcknowledges() throws Exception {
        SegmentLog log = open(1 << 20);
        SpoolingSender sender = new SpoolingSender("t", log, kafka, meters, SETTINGS);

        offer(sender, 0, 50);
        kafka.acknowledgeAll();
        tick(sender, 1);

        assertThat(sender.mode()).isEqualTo(SpoolingSender.Mode.DIRECT);
        assertThat(kafka.delivered()).containsExactlyElementsOf(range(0, 50));
        assertThat(spooled()).isZero();
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".seg"))).isEmpty();
        sender.close(now);
    }

    @Test
    void shouldSpoolWhenNothingIsAcknowledgedForTheStallTimeoutAndReplayInOrderWhenKafkaIsBack() {
        SpoolingSender sender = new SpoolingSender("t", open(1 << 20), kafka, meters, SETTINGS);
        offer(sender, 0, 10);
        kafka.acknowledge(3);
        tick(sender, 1);
        assertThat(sender.mode()).isEqualTo(SpoolingSender.Mode.DIRECT);

        now += STALL + 1;
        tick(sender, 1);
        assertThat(sender.mode()).isEqualTo(SpoolingSender.Mode.SPOOLING);
        assertThat(spooled()).isEqualTo(7);
        offer(sender, 10, 30);
        assertThat(kafka.sent).hasSize(10);

        kafka.acknowledge(2);
        kafka.failAll();
        tick(sender, 1);
        assertThat(sender.mode()).isEqualTo(SpoolingSender.Mode.REPLAYING);
        replayUntilDirect(sender);
        offer(sender, 30, 35);
        kafka.acknowledgeAll();

        assertThat(kafka.delivered()).containsExactlyElementsOf(range(0, 35));
        assertThat(replayed()).isEqualTo(25);
        assertThat(sender.mode()).isEqualTo(SpoolingSender.Mode.DIRECT);
        sender.close(now);
        assertThat(gauge()).isZero();
    }

    @Test
    void shouldSpoolAtOnceWhenKafkaRefusesARecord() {
        SpoolingSender sender = refused(open(1 << 20), 5);
        offer(sender, 5, 8);

        assertThat(sender.mode()).isNotEqualTo(SpoolingSender.Mode.DIRECT);
        replayUntilDirect(sender);
        assertThat(kafka.delivered()).containsExactlyElementsOf(range(0, 8));
        sender.close(now);
    }

    @Test
    void shouldHoldRecordsBackWhenTheSpoolIsFullAndTakeThemOnceItHasRoom() {
        SpoolingSender sender = refused(open(4096), 1);
        int n = 1;
        while (sender.canTake()) {
            sender.take(record(n++), now);
        }
        assertThat(sender.spoolFull()).isTrue();

        now += STALL;
        replayUntilDirect(sender);

        assertThat(sender.spoolFull()).isFalse();
        assertThat(kafka.delivered()).containsExactlyElementsOf(range(0, n));
        sender.close(now);
    }

    @Test
    void shouldReplayWhatAnEarlierRunLeftInTheSpoolBeforeAnythingNew() {
        SpoolingSender first = refused(open(1 << 20), 5);
        offer(first, 5, 20);
        first.close(now);
        kafka.sent.clear();

        SpoolingSender second = new SpoolingSender("t", open(1 << 20), kafka, meters, SETTINGS);
        assertThat(second.mode()).isEqualTo(SpoolingSender.Mode.REPLAYING);
        tick(second, 1);
        offer(second, 20, 25);
        replayUntilDirect(second);
        offer(second, 25, 27);
        kafka.acknowledgeAll();

        assertThat(kafka.delivered()).containsExactlyElementsOf(range(0, 27));
        second.close(now);
    }

    @Test
    void shouldRepeatAfterACrashAtMostTheRecordsUnsettledAtTheSwitch() {
        SegmentLog log = open(1 << 20);
        SpoolingSender crashed = new SpoolingSender("t", log, kafka, meters, SETTINGS);
        offer(crashed, 0, 10);
        now += STALL + 1;
        tick(crashed, 1);
        offer(crashed, 10, 20);
        crashed.endBatch();
        kafka.acknowledgeAll();
        tick(crashed, 1);
        log.crash();
        kafka.sent.clear();

        SpoolingSender restarted = new SpoolingSender("t", open(1 << 20), kafka, meters, SETTINGS);
        replayUntilDirect(restarted);

        List<Integer> all = kafka.delivered();
        assertThat(all).containsAll(range(0, 20));
        assertThat(all.size() - 20).isLessThanOrEqualTo(10);
        restarted.close(now);
    }

    /** A sender on {@code log} whose first {@code records} Kafka refused. */
    private SpoolingSender refused(SegmentLog log, int records) {
        SpoolingSender sender = new SpoolingSender("t", log, kafka, meters, SETTINGS);
        offer(sender, 0, records);
        kafka.failAll();
        tick(sender, 1);
        return sender;
    }

    private void replayUntilDirect(SpoolingSender sender) {
        for (int i = 0; i < 1000 && sender.mode() != SpoolingSender.Mode.DIRECT; i++) {
            now += STALL;
            tick(sender, 1);
            kafka.acknowledgeAll();
            tick(sender, 1);
        }
        assertThat(sender.mode()).isEqualTo(SpoolingSender.Mode.DIRECT);
    }

    private void tick(SpoolingSender sender, int times) {
        for (int i = 0; i < times; i++) {
            sender.tick(now, false);
            sender.endBatch();
        }
    }

    private void offer(SpoolingSender sender, int from, int to) {
        for (int n = from; n < to; n++) {
            assertThat(sender.canTake()).isTrue();
            sender.take(record(n), now);
        }
        sender.endBatch();
    }

    private SegmentLog open(long maxBytes) {
        return SegmentLog.open(dir, new DiskBudget(maxBytes), 1024, meters);
    }

    private static Delivery record(int n) {
        return new RecordDelivery(new SpoolRecord("t", "k".getBytes(StandardCharsets.UTF_8),
                Integer.toString(n).getBytes(StandardCharsets.UTF_8), n));
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private double spooled() {
        return registry.get("tunnelwatch.spool.records.spooled").counter().count();
    }

    private double replayed() {
        return registry.get("tunnelwatch.spool.replayed").counter().count();
    }

    private double gauge() {
        return registry.get("tunnelwatch.spool.bytes").gauge().value();
    }

    /** Kafka as the sender sees it: records sent, settled when the test says. */
    private static final class Kafka implements SpoolingSender.Downstream {
        final List<Delivery> sent = new ArrayList<>();
        final List<Integer> acknowledged = new ArrayList<>();

        @Override
        public void send(Delivery d) {
            sent.add(d);
        }

        void acknowledge(int count) {
            for (Delivery d : sent) {
                if (count > 0 && d.state() == Delivery.PENDING) {
                    d.acknowledged();
                    acknowledged.add(Integer.parseInt(new String(d.value(), StandardCharsets.UTF_8)));
                    count--;
                }
            }
        }

        void acknowledgeAll() {
            acknowledge(Integer.MAX_VALUE);
        }

        void failAll() {
            sent.stream().filter(d -> d.state() == Delivery.PENDING).forEach(Delivery::failed);
        }

        List<Integer> delivered() {
            return List.copyOf(acknowledged);
        }
    }
}
