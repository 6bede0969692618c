package io.tunnelwatch.collector.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.FastThreadLocal;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.spool.Spool;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@link TunnelEvent}s (syslog and traps) to {@code tunnelwatch.events}, keyed {@code device|peer}, with the
 * collector's receive time as the record time. Non-blocking; see {@link QueuedKafkaWriter}.
 *
 * <p>Events are serialized by the thread that offers them (an event loop, right after parsing, while the event is
 * still in that core's cache) and cross to the producer thread as two byte arrays. Serializing on the producer
 * thread instead cost more than the writing itself: reading back a dozen small objects made on another core
 * (docs/performance.md#why-the-hot-path-looks-as-it-does).
 */
public final class EventPublisher implements EventSink, AutoCloseable {

    /**
     * One serializer per offering thread: the serializers keep an output buffer. Netty's thread local, an array index
     * on an event loop thread, where a JDK {@code ThreadLocal} probes a hash table (a few percent of a UDP event loop).
     */
    private static final FastThreadLocal<Serializer<TunnelEvent>> VALUES = new FastThreadLocal<>() {
        @Override
        protected Serializer<TunnelEvent> initialValue() {
            return Topics.EVENTS.valueSerde().serializer();
        }
    };
    /** The key bytes of recent events, per offering thread (see {@link RecentKeys}). */
    private static final FastThreadLocal<RecentKeys> KEYS = new FastThreadLocal<>() {
        @Override
        protected RecentKeys initialValue() {
            return new RecentKeys();
        }
    };

    private final QueuedKafkaWriter writer;

    /** @param producer the collector's producer of already serialized keys and values (byte-array serializers) */
    public EventPublisher(Producer<byte[], byte[]> producer, int queueCapacity, MeterRegistry registry) {
        this(producer, queueCapacity, registry, null);
    }

    /** @param spool the collector's on-disk spool, or null for none */
    public EventPublisher(Producer<byte[], byte[]> producer, int queueCapacity, MeterRegistry registry, Spool spool) {
        this.writer = new QueuedKafkaWriter(Topics.EVENTS.name(), producer, queueCapacity, registry, spool);
    }

    @Override
    public PublishOutcome offer(TunnelEvent event) {
        String topic = Topics.EVENTS.name();
        // the key's wire form is PeerKeySerde's, device|peer in UTF-8; RecentKeys shares one array per busy tunnel
        return writer.offer(KEYS.get().utf8(event.device(), event.peer()), VALUES.get().serialize(topic, event),
                event.receivedAt().toEpochMilli());
    }

    @Override
    public PublishOutcome offerDroppable(TunnelEvent event) {
        return writer.hasRoomForDroppable() ? offer(event) : writer.fullOutcome();
    }

    @Override
    public boolean hasRoom() {
        return writer.hasRoom();
    }

    @Override
    public void close() {
        writer.close();
    }
}
