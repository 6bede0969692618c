package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.pair.TunnelPair;
import io.tunnelwatch.streams.peer.TunnelEnd;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins the two ends of a tunnel between monitored routers (docs/architecture.md#detectors-and-alerts, both ends):
 * reads each
 * end's report from {@code tunnelwatch.tunnel-ends} (keyed by the device pair, so both ends meet in one task), keeps
 * the latest per end, and hands every report to the opposite end(s) on {@code tunnelwatch.far-ends}, keyed by their
 * {@code device|peer}. An end reporting for the first time also gets the opposite's last report, so neither waits
 * for the other's next poll. Pure bookkeeping: what the two reports mean is decided by the detectors.
 */
public final class TunnelPairProcessor implements Processor<PeerKey, TunnelEnd, PeerKey, TunnelEnd> {

    private final String storeName;
    private final String farEndsSink;
    private ProcessorContext<PeerKey, TunnelEnd> context;
    private KeyValueStore<PeerKey, TunnelPair> store;
    private UrgentCommits urgent;

    public TunnelPairProcessor(String storeName, String farEndsSink) {
        this.storeName = storeName;
        this.farEndsSink = farEndsSink;
    }

    @Override
    public void init(ProcessorContext<PeerKey, TunnelEnd> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.urgent = new UrgentCommits(context);
    }

    @Override
    public void process(Record<PeerKey, TunnelEnd> record) {
        TunnelEnd end = record.value();
        if (record.key() == null || end == null) {
            return;
        }
        TunnelPair prior = store.get(record.key());
        TunnelPair pair = prior == null ? TunnelPair.empty() : prior;
        boolean first = !pair.knows(end);
        TunnelPair next = pair.with(end);
        store.put(record.key(), next);
        for (TunnelEnd opposite : next.oppositesOf(end)) {
            context.forward(record.withKey(opposite.key()).withValue(end), farEndsSink);
            if (first) {
                context.forward(record.withKey(end.key()).withValue(opposite), farEndsSink);
            }
            urgent.forwarded();
        }
    }

    @Override
    public void close() {
        if (urgent != null) {
            urgent.close();
        }
    }
}
