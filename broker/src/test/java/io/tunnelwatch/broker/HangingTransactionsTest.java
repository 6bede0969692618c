package io.tunnelwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.broker.HangingTransactions.OpenTransaction;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Which open transactions a restart left hanging: the case the embedded broker met after a kill (a transaction
 * recorded complete, its markers never written to some partitions) and the ones it must leave alone.
 */
class HangingTransactionsTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("tunnelwatch-peer-state-changelog", 4);
    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 19);

    private static OpenTransaction open(TopicPartition tp, long producerId, int epoch, long firstOffset) {
        return new OpenTransaction(tp, producerId, (short) epoch, 0, firstOffset);
    }

    @Test
    void shouldTakeATransactionItsCoordinatorFinishedButThePartitionsStillHoldOpenForHanging() {
        List<OpenTransaction> open = List.of(open(CHANGELOG, 0, 8, 1_200), open(OFFSETS, 0, 8, 77));

        assertThat(HangingTransactions.hanging(open, Map.of(0L, TransactionState.COMPLETE_COMMIT), open))
                .containsExactlyElementsOf(open);
        assertThat(HangingTransactions.hanging(open, Map.of(0L, TransactionState.COMPLETE_ABORT), open))
                .containsExactlyElementsOf(open);
        assertThat(HangingTransactions.hanging(open, Map.of(0L, TransactionState.EMPTY), open))
                .containsExactlyElementsOf(open);
    }

    @Test
    void shouldLeaveATransactionUnderWayOrBeingFinishedAlone() {
        List<OpenTransaction> open = List.of(open(CHANGELOG, 3, 2, 10));
        for (TransactionState state : List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE, TransactionState.UNKNOWN)) {
            assertThat(HangingTransactions.hanging(open, Map.of(3L, state), open)).as(state.toString()).isEmpty();
        }
    }

    @Test
    void shouldLeaveAProducerTheCoordinatorDoesNotListAlone() {
        List<OpenTransaction> open = List.of(open(CHANGELOG, 5, 0, 10));

        assertThat(HangingTransactions.hanging(open, Map.of(), open)).isEmpty();
    }

    @Test
    void shouldLeaveATransactionWhoseMarkerArrivedWhileTheCoordinatorWasAskedAlone() {
        OpenTransaction changelog = open(CHANGELOG, 0, 8, 1_200);
        OpenTransaction offsets = open(OFFSETS, 0, 8, 77);

        assertThat(HangingTransactions.hanging(List.of(changelog, offsets),
                Map.of(0L, TransactionState.COMPLETE_COMMIT), List.of(offsets)))
                .as("the changelog's marker came between the two looks; the offsets' did not")
                .containsExactly(offsets);
        assertThat(HangingTransactions.hanging(List.of(changelog), Map.of(0L, TransactionState.COMPLETE_COMMIT),
                List.of(open(CHANGELOG, 0, 9, 1_450))))
                .as("a later transaction of the same producer is open there now, not this one").isEmpty();
    }
}
