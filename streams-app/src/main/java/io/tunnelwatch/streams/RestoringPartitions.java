package io.tunnelwatch.streams;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The store partitions Kafka Streams is restoring from their changelogs right now. With the state updater a task
 * restores in the background while the instance already reports RUNNING, so the state alone does not say whether
 * the stores are complete.
 */
final class RestoringPartitions implements StateRestoreListener {

    private final Set<String> restoring = ConcurrentHashMap.newKeySet();
    private final Runnable onChange;

    /** @param onChange called after every start and end of a restore, on the restoring thread */
    RestoringPartitions(Runnable onChange) {
        this.onChange = onChange;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restoring.add(key(partition, store));
        onChange.run();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
        // progress only; the partition stays restoring until onRestoreEnd
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(key(partition, store));
        onChange.run();
    }

    /** The task moved to another instance (or closed) before its restore ended. */
    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(key(partition, store));
        onChange.run();
    }

    int count() {
        return restoring.size();
    }

    private static String key(TopicPartition partition, String store) {
        return store + "@" + partition;
    }
}
