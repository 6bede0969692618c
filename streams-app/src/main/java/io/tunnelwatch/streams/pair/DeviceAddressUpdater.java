package io.tunnelwatch.streams.pair;

import io.tunnelwatch.events.DeviceAddress;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global {@code device-addresses} store equal to the compacted {@code tunnelwatch.device-addresses}. */
public final class DeviceAddressUpdater implements Processor<String, DeviceAddress, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, DeviceAddress> store;

    public DeviceAddressUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, DeviceAddress> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
