package io.tunnelwatch.collector.sink;

import io.tunnelwatch.events.CounterSample;

/** Where counter samples go (a Kafka publisher on {@code tunnelwatch.counters} in production); must not block. */
public interface CounterSink {

    /** Hands a sample over without blocking; false when it was dropped (queue full or closed). */
    boolean offer(CounterSample sample);
}
