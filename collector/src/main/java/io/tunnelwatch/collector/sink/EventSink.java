package io.tunnelwatch.collector.sink;

import io.tunnelwatch.events.TunnelEvent;

/** Where parsed events go (the Kafka publisher in production); must not block. */
public interface EventSink {

    PublishOutcome offer(TunnelEvent event);

    /**
     * Offers an event from a source that cannot be paused (a UDP datagram): it is refused while the sink is nearly
     * full, earlier than {@link #offer}, so that the room left stays for the lines a paused TCP or TLS connection had
     * already read. A line read over a stream is accepted and must not be dropped; a datagram can only be counted.
     */
    default PublishOutcome offerDroppable(TunnelEvent event) {
        return offer(event);
    }

    /** False when stream transports should stop reading until the sink catches up (backpressure). */
    default boolean hasRoom() {
        return true;
    }
}
