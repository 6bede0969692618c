package io.tunnelwatch.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {

    private static final int SEGMENT = 4096;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SpoolMeters meters = new SpoolMeters("t", registry);

    @Test
    void shouldReadBackEveryFieldOfWhatItWasGivenInOrder() {
        try (SegmentLog log = open(1 << 20)) {
            long first = log.append("tunnelwatch.events", bytes("k1"), bytes("v1"), 11);
            long second = log.append("tunnelwatch.events", null, bytes(""), 12);

            SpoolEntry a = log.next();
            SpoolEntry b = log.next();

            assertThat(a.position()).isEqualTo(first);
            assertThat(a.next()).isEqualTo(second);
            assertThat(a.record().topic()).isEqualTo("tunnelwatch.events");
            assertThat(a.record().key()).asString(StandardCharsets.UTF_8).isEqualTo("k1");
            assertThat(a.record().value()).asString(StandardCharsets.UTF_8).isEqualTo("v1");
            assertThat(a.record().timestamp()).isEqualTo(11);
            assertThat(b.record().key()).isNull();
            assertThat(b.record().value()).isEmpty();
            assertThat(b.record().timestamp()).isEqualTo(12);
            assertThat(log.next()).isNull();
            assertThat(log.isEmpty()).isFalse();
        }
    }

    @Test
    void shouldRollIntoNewSegmentsAndDeleteEachOnceDelivered() throws IOException {
        try (SegmentLog log = open(1 << 20)) {
            appendNumbered(log, 0, 500);
            int written = segmentFiles().size();
            assertThat(written).isGreaterThan(3);

            List<SpoolEntry> read = readAll(log);
            log.acknowledge(read.get(250).position());

            assertThat(numbers(read)).containsExactlyElementsOf(range(0, 500));
            assertThat(segmentFiles().size()).isLessThan(written);
            log.acknowledge(read.get(499).next());
            assertThat(log.isEmpty()).isTrue();
            assertThat(segmentFiles()).isEmpty();
            assertThat(log.bytes()).isZero();
            assertThat(gauge()).isZero();
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsOnly("lock");
    }

    @Test
    void shouldRefuseWhatWouldTakeItPastItsCapAndTakeAgainOnceDelivered() {
        try (SegmentLog log = open(3 * SEGMENT)) {
            int taken = 0;
            while (log.append("t", bytes("k"), bytes(String.format("line %05d", taken)), taken) >= 0) {
                taken++;
            }
            assertThat(log.bytes()).isLessThanOrEqualTo(3 * SEGMENT).isGreaterThan(3 * SEGMENT - 100);
            assertThat(gauge()).isEqualTo(log.bytes());

            List<SpoolEntry> read = readAll(log);
            log.acknowledge(read.get(taken / 2).position());

            assertThat(read).hasSize(taken);
            assertThat(log.append("t", bytes("k"), bytes("after"), 0)).isNotNegative();
        }
    }

    @Test
    void shouldResumeAfterTheAcknowledgedPositionWhenReopened() {
        List<SpoolEntry> before;
        try (SegmentLog log = open(1 << 20)) {
            appendNumbered(log, 0, 100);
            before = readAll(log);
            log.acknowledge(before.get(60).position());
        }
        try (SegmentLog log = open(1 << 20)) {
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(60, 100));
            appendNumbered(log, 100, 110);
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(100, 110));
            log.rewind();
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(60, 110));
        }
    }

    @Test
    void shouldKeepWhatAKilledProcessHadFlushedWithoutAClose() {
        SegmentLog killed = open(1 << 20);
        appendNumbered(killed, 0, 30);
        killed.flush();
        appendNumbered(killed, 30, 32);
        killed.crash();

        try (SegmentLog log = open(1 << 20)) {
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(0, 30));
        }
        assertThat(dropped("torn_tail")).isZero();
    }

    @Test
    void shouldCutATornTailOffAndCountIt() throws IOException {
        try (SegmentLog log = open(1 << 20)) {
            appendNumbered(log, 0, 10);
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(size - 5);
        }

        try (SegmentLog log = open(1 << 20)) {
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(0, 9));
            appendNumbered(log, 10, 12);
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(10, 12));
        }
        assertThat(dropped("torn_tail")).isEqualTo(1);
        assertThat(dropped("corrupt")).isZero();
    }

    @Test
    void shouldCutAZeroFilledTailOff() throws IOException {
        try (SegmentLog log = open(1 << 20)) {
            appendNumbered(log, 0, 5);
        }
        Files.write(segmentFiles().get(0), new byte[64], java.nio.file.StandardOpenOption.APPEND);

        try (SegmentLog log = open(1 << 20)) {
            assertThat(numbers(readAll(log))).containsExactlyElementsOf(range(0, 5));
        }
        assertThat(dropped("torn_tail")).isEqualTo(1);
    }

    @Test
    void shouldSkipARecordWhoseChecksumDoesNotHoldAndCountIt() throws IOException {
        try (RandomAccessFile f = firstOf200Records()) {
            long inSecondRecord = SegmentLog.HEADER_BYTES + recordSize(0) + SegmentLog.RECORD_OVERHEAD + 3;
            f.seek(inSecondRecord);
            int b = f.read();
            f.seek(inSecondRecord);
            f.write(b ^ 0x40);
        }

        try (SegmentLog log = open(1 << 20)) {
            List<Integer> read = numbers(readAll(log));
            assertThat(read).doesNotContain(1).contains(0, 2, 199).hasSize(199);
        }
        assertThat(dropped("corrupt")).isEqualTo(1);
    }

    @Test
    void shouldSkipTheRestOfASegmentWhoseRecordLengthDoesNotHold() throws IOException {
        try (RandomAccessFile f = firstOf200Records()) {
            f.seek(SegmentLog.HEADER_BYTES + recordSize(0));
            f.writeInt(Integer.MAX_VALUE);
        }

        try (SegmentLog log = open(1 << 20)) {
            List<Integer> read = numbers(readAll(log));
            assertThat(read).startsWith(0).contains(199).doesNotContain(1);
        }
        assertThat(dropped("corrupt")).isEqualTo(1);
    }

    @Test
    void shouldRefuseADirectoryAnotherLogHoldsOpen() {
        try (SegmentLog log = open(1 << 20)) {
            assertThatThrownBy(() -> open(1 << 20)).hasMessageContaining("in use by another process");
        }
    }

    /** The first segment of a log of 200 records, open for damage. */
    private RandomAccessFile firstOf200Records() throws IOException {
        try (SegmentLog log = open(1 << 20)) {
            appendNumbered(log, 0, 200);
        }
        return new RandomAccessFile(segmentFiles().get(0).toFile(), "rw");
    }

    private SegmentLog open(long maxBytes) {
        return SegmentLog.open(dir, new DiskBudget(maxBytes), SEGMENT, meters);
    }

    private static void appendNumbered(SegmentLog log, int from, int to) {
        for (int n = from; n < to; n++) {
            assertThat(log.append("t", bytes("key"), bytes(String.format("line %05d", n)), n)).isNotNegative();
        }
    }

    private static int recordSize(int n) {
        return SegmentLog.RECORD_OVERHEAD + 8 + 2 + 1 + 4 + 3 + 4 + String.format("line %05d", n).length();
    }

    private static List<SpoolEntry> readAll(SegmentLog log) {
        List<SpoolEntry> all = new ArrayList<>();
        for (SpoolEntry e = log.next(); e != null; e = log.next()) {
            all.add(e);
        }
        return all;
    }

    private static List<Integer> numbers(List<SpoolEntry> entries) {
        return entries.stream().map(e -> Integer.parseInt(new String(e.record().value(), StandardCharsets.UTF_8)
                .substring(5))).toList();
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private double dropped(String reason) {
        return registry.get("tunnelwatch.spool.dropped").tag("reason", reason).counter().count();
    }

    private double gauge() {
        return registry.get("tunnelwatch.spool.bytes").gauge().value();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
