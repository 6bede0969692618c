package io.tunnelwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoringPartitionsTest {

    private final AtomicInteger changes = new AtomicInteger();
    private final RestoringPartitions restoring = new RestoringPartitions(changes::incrementAndGet);
    private final TopicPartition p0 = new TopicPartition("tw-peer-state-changelog", 0);
    private final TopicPartition p1 = new TopicPartition("tw-peer-state-changelog", 1);

    @Test
    void shouldCountAPartitionFromTheStartOfItsRestoreToItsEnd() {
        restoring.onRestoreStart(p0, "peer-state", 0, 100);
        restoring.onRestoreStart(p1, "peer-state", 0, 50);
        restoring.onBatchRestored(p0, "peer-state", 40, 40);
        assertThat(restoring.count()).isEqualTo(2);

        restoring.onRestoreEnd(p0, "peer-state", 100);
        assertThat(restoring.count()).isEqualTo(1);

        restoring.onRestoreEnd(p1, "peer-state", 50);
        assertThat(restoring.count()).isZero();
        assertThat(changes).hasValue(4);
    }

    @Test
    void shouldStopCountingAPartitionWhoseRestoreWasSuspended() {
        restoring.onRestoreStart(p0, "peer-state", 0, 100);

        restoring.onRestoreSuspended(p0, "peer-state", 10);

        assertThat(restoring.count()).isZero();
    }

    @Test
    void shouldCountTheSamePartitionOfTwoStoresTwice() {
        restoring.onRestoreStart(p0, "peer-state", 0, 100);
        restoring.onRestoreStart(p0, "device-state", 0, 100);

        assertThat(restoring.count()).isEqualTo(2);
    }
}
