package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.PeerKey;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin Kafka Streams adapter around {@link PeerStateMachine}: reads the peer's state from the store, applies the
 * event or counter sample, stores and forwards the new state when it changed, and tells the listener (metrics). On init it announces
 * every peer of its partition, so gauges are back right after a restart or a rebalance.
 */
public final class PeerTrackerProcessor implements Processor<PeerKey, PeerInput, PeerKey, PeerState> {

    private final String storeName;
    private final PeerStateListener listener;
    private final PeerStateMachine machine = new PeerStateMachine();
    private final Set<PeerKey> owned = new HashSet<>();
    private ProcessorContext<PeerKey, PeerState> context;
    private KeyValueStore<PeerKey, PeerState> store;

    public PeerTrackerProcessor(String storeName, PeerStateListener listener) {
        this.storeName = storeName;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<PeerKey, PeerState> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        try (KeyValueIterator<PeerKey, PeerState> all = store.all()) {
            all.forEachRemaining(kv -> announce(kv.key, kv.value));
        }
    }

    @Override
    public void process(Record<PeerKey, PeerInput> record) {
        PeerKey key = record.key();
        PeerInput input = record.value();
        if (key == null || input == null || key.isDeviceWide()) {
            return;
        }
        PeerState prior = store.get(key);
        PeerState next = input.applyTo(machine, prior);
        if (next.equals(prior)) {
            return;
        }
        store.put(key, next);
        announce(key, next);
        context.forward(record.withValue(next));
    }

    private void announce(PeerKey key, PeerState state) {
        owned.add(key);
        listener.updated(key, state);
    }

    @Override
    public void close() {
        owned.forEach(listener::released);
        owned.clear();
    }
}
