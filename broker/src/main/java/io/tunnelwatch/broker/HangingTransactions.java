package io.tunnelwatch.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions a restart of the embedded broker leaves open on a partition after their coordinator has
 * finished them (docs/reliability.md#a-transaction-left-open-by-a-restart). Kafka 4.4 drops a transaction's markers
 * for a partition without a leader as if its topic were deleted; a single-node broker restarting after a crash has
 * no leader for a moment, so a transaction it finds half-committed is recorded complete while some of its partitions
 * never get their marker. Every {@code read_committed} reader of such a partition, Kafka Streams restoring a store or
 * fetching its committed offsets included, then waits for ever.
 *
 * <p>An open transaction is taken for hanging only when its coordinator lists its producer as finished (complete or
 * empty) and the partition still shows the very same transaction afterwards: a coordinator records a transaction
 * complete only once its markers are written, so a marker still missing then will not come. A transaction still
 * under way, or being committed or aborted, is never touched; neither is a producer the coordinator does not list.
 */
final class HangingTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final Set<TransactionState> FINISHED = Set.of(TransactionState.COMPLETE_COMMIT,
            TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);
    private static final Duration LISTED_WITHIN = Duration.ofSeconds(15);
    private static final Duration LIST_AGAIN_AFTER = Duration.ofMillis(250);
    /** Internal topics no producer writes transactionally. */
    private static final Set<String> SKIPPED_TOPICS = Set.of("__transaction_state", "__cluster_metadata",
            "__share_group_state");

    /** A transaction open on one partition, as the partition's leader reports it. */
    record OpenTransaction(TopicPartition partition, long producerId, short producerEpoch, int coordinatorEpoch,
                           long firstOffset) {
    }

    private HangingTransactions() {
    }

    /**
     * The open transactions whose producer the coordinator lists as finished, given each listed producer's state;
     * {@code stillOpen} is what the partitions report after that listing was read.
     */
    static List<OpenTransaction> hanging(Collection<OpenTransaction> open, Map<Long, TransactionState> coordinator,
                                         Collection<OpenTransaction> stillOpen) {
        return open.stream()
                .filter(t -> FINISHED.contains(coordinator.getOrDefault(t.producerId(), TransactionState.UNKNOWN)))
                .filter(stillOpen::contains)
                .toList();
    }

    /**
     * Finds the hanging transactions on every partition of the broker and aborts each; returns how many it aborted.
     *
     * @throws TimeoutException when the broker does not answer within {@code timeout}
     */
    static int abortAll(Admin admin, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        long ms = timeout.toMillis();
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(ms, TimeUnit.MILLISECONDS).stream().filter(t -> !SKIPPED_TOPICS.contains(t))
                .collect(Collectors.toSet());
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(ms, TimeUnit.MILLISECONDS)
                .values()) {
            d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
        }
        List<OpenTransaction> open = openTransactions(admin, partitions, ms);
        if (open.isEmpty()) {
            return 0;
        }
        Set<Long> producers = open.stream().map(OpenTransaction::producerId).collect(Collectors.toSet());
        Map<Long, TransactionState> coordinator = coordinatorStates(admin, producers, ms);
        List<TopicPartition> suspects = open.stream().map(OpenTransaction::partition).distinct().toList();
        List<OpenTransaction> hanging = hanging(open, coordinator, openTransactions(admin, suspects, ms));
        for (OpenTransaction t : hanging) {
            admin.abortTransaction(new AbortTransactionSpec(t.partition(), t.producerId(), t.producerEpoch(),
                    t.coordinatorEpoch())).all().get(ms, TimeUnit.MILLISECONDS);
            LOG.warn("Aborted a transaction left open on {} since offset {} by producer {} (epoch {}): its"
                    + " coordinator had finished it ({}) but its marker never reached the partition, and every"
                    + " read_committed reader of it waited; its inputs are processed again",
                    t.partition(), t.firstOffset(), t.producerId(), t.producerEpoch(), coordinator.get(t.producerId()));
        }
        return hanging.size();
    }

    /**
     * Each producer's transaction state as its coordinator lists it. Right after a start the broker may not lead
     * every partition of the transaction log yet, and a producer whose partition it does not lead is missing from
     * the list: asks again until all are listed, for at most {@link #LISTED_WITHIN}.
     */
    private static Map<Long, TransactionState> coordinatorStates(Admin admin, Set<Long> producers, long ms)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + LISTED_WITHIN.toNanos();
        while (true) {
            Map<Long, TransactionState> states = new HashMap<>();
            for (TransactionListing l : admin.listTransactions(new ListTransactionsOptions()
                    .filterProducerIds(producers)).all().get(ms, TimeUnit.MILLISECONDS)) {
                states.put(l.producerId(), l.state());
            }
            if (states.keySet().containsAll(producers) || System.nanoTime() > deadline) {
                return states;
            }
            Thread.sleep(LIST_AGAIN_AFTER.toMillis());
        }
    }

    private static List<OpenTransaction> openTransactions(Admin admin, List<TopicPartition> partitions, long ms)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<OpenTransaction> open = new ArrayList<>();
        admin.describeProducers(partitions).all().get(ms, TimeUnit.MILLISECONDS).forEach((tp, state) -> {
            for (ProducerState p : state.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    // No marker of this producer reached the partition yet: any coordinator epoch passes.
                    open.add(new OpenTransaction(tp, p.producerId(), (short) p.producerEpoch(),
                            p.coordinatorEpoch().orElse(0), p.currentTransactionStartOffset().getAsLong()));
                }
            }
        });
        return open;
    }
}
