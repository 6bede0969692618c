package io.tunnelwatch.streams.device;

import io.tunnelwatch.events.PeerKey;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global {@code device-status} store equal to the compacted {@code tunnelwatch.device-status} topic. */
public final class DeviceStatusUpdater implements Processor<PeerKey, DeviceStatus, Void, Void> {

    private final String storeName;
    private KeyValueStore<PeerKey, DeviceStatus> store;

    public DeviceStatusUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<PeerKey, DeviceStatus> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null || !record.value().silent()) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
