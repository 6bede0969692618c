package io.tunnelwatch.collector.sink;

import io.tunnelwatch.events.TunnelEvent;

/** Where parsed events go (the Kafka publisher in production); must not block. */
public interface EventSink {

    PublishOutcome offer(TunnelEvent event);

    /** False when stream transports should stop reading until the sink catches up (backpressure). */
    default boolean hasRoom() {
        return true;
    }
}
