package io.tunnelwatch.streams.topology;

import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its compacted topic ({@code device-status}, {@code device-addresses}): a value worth
 * keeping is put, a tombstone or any other value deletes the key, so the store holds only what its readers look up.
 */
final class GlobalStoreUpdater<K, V> implements Processor<K, V, Void, Void> {

    private final String storeName;
    private final Predicate<V> keep;
    private KeyValueStore<K, V> store;

    GlobalStoreUpdater(String storeName, Predicate<V> keep) {
        this.storeName = storeName;
        this.keep = keep;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null || !keep.test(record.value())) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
