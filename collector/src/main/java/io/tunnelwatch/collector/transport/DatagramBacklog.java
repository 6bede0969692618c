package io.tunnelwatch.collector.transport;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.concurrent.QueueDrainer;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.syslog.DropReason;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpscArrayQueue;

/**
 * The datagrams one UDP socket received and its parse thread has not read yet.
 *
 * <p>Why a thread of its own: UDP cannot be paused, so every moment the socket's reader is not reading is a moment
 * the kernel's buffer must cover, and at 100,000 datagrams/s a 4 MiB buffer covers about 40 ms. Parsing on the
 * event loop made any slower second of parsing a loss: the seconds after a switch between TCP and UDP load, while
 * the JIT recompiled the shared path, dropped 17,000 datagrams in 0.6 s (kernel counters, docs/performance.md). Here
 * the event loop only copies each datagram and queues it; one thread per socket parses them in arrival order (so a
 * sender's messages stay in order) and the queue absorbs a slow second in memory: up to {@link #CAPACITY} datagrams
 * and {@link #MAX_BYTES} of payload. Beyond that a datagram is dropped and counted ({@code backlog_full}).
 */
final class DatagramBacklog implements AutoCloseable {

    /** Datagrams: about 1.3 s at 100,000 datagrams/s. */
    static final int CAPACITY = 1 << 17;
    /** Payload bytes held at most (datagrams are up to 8 KiB; typical IOS lines are 100–200 bytes). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final int DRAIN_BATCH = 256;
    /** An idle parse thread wakes 50 times a second; a burst waits at most this long, well within the backlog. */
    private static final Duration MAX_IDLE_NAP = Duration.ofMillis(20);

    private record Datagram(byte[] payload, String sender) {
    }

    private final SyslogIngest ingest;
    private final MpscArrayQueue<Datagram> queue = new MpscArrayQueue<>(CAPACITY);
    private final AtomicLong bytes = new AtomicLong();
    private final QueueDrainer<Datagram> drainer;
    private final Meter depth;
    /** Payload bytes read in the current batch, given back to {@link #bytes} once per batch (parse thread only). */
    private long freed;

    DatagramBacklog(SyslogIngest ingest, MeterRegistry registry, String reader) {
        this.ingest = ingest;
        this.depth = Gauge.builder(CollectorMeters.UDP_BACKLOG.meterName(), queue, MpscArrayQueue::size)
                .description(CollectorMeters.UDP_BACKLOG.description()).tag("reader", reader).register(registry);
        this.drainer = new QueueDrainer<>("tunnelwatch-udp-parse-" + reader, queue, this::parse, this::release,
                DRAIN_BATCH, MAX_IDLE_NAP);
    }

    /** Queues a datagram without blocking; false when the backlog is full or closing (the caller counts it). */
    boolean offer(byte[] payload, String sender) {
        if (drainer.closing() || bytes.get() + payload.length > MAX_BYTES) {
            return false;
        }
        if (!queue.offer(new Datagram(payload, sender))) {
            return false;
        }
        bytes.addAndGet(payload.length);
        return true;
    }

    /** Why {@link #offer} refused: the backlog is full, or the collector is shutting down. */
    DropReason refusal() {
        return drainer.closing() ? DropReason.CLOSED : DropReason.BACKLOG_FULL;
    }

    private void parse(Datagram d) {
        freed += d.payload.length;
        ingest.accept(new String(d.payload, StandardCharsets.UTF_8), d.sender, Transport.UDP);
    }

    private void release() {
        bytes.addAndGet(-freed);
        freed = 0;
    }

    /** Takes no more datagrams and waits (a few seconds at most) until the ones queued are read. */
    @Override
    public void close() {
        drainer.close();
        depth.close();
    }
}
