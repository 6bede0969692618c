package io.tunnelwatch.collector.syslog;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link SequenceGapTracker} per device, each exposed as {@code tunnelwatch.syslog.lost{device}} and
 * {@code tunnelwatch.syslog.sequence.restarts{device}}. Inventory devices are registered at start (their series
 * show 0 before any loss); other devices are added as they send, up to {@link #MAX_UNLISTED} of them, so a flood of
 * made-up origin-ids cannot grow the map or the label set without bound.
 *
 * <p>The counters read the trackers when scraped, and the read confirms gaps that are old enough: loss shows at the
 * next scrape even when the device falls silent after it.
 */
final class SequenceLoss {

    static final int MAX_UNLISTED = 1024;

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, SequenceGapTracker> trackers = new ConcurrentHashMap<>();
    private final AtomicInteger unlisted = new AtomicInteger();

    SequenceLoss(MeterRegistry registry, Collection<String> inventoryDevices) {
        this.registry = registry;
        inventoryDevices.forEach(d -> trackers.computeIfAbsent(d, this::register));
    }

    /** Takes a device's sequence number; false when the device is beyond the bound and not tracked. */
    boolean observe(String device, long sequence) {
        SequenceGapTracker tracker = trackers.get(device);
        if (tracker == null) {
            if (unlisted.get() >= MAX_UNLISTED) {
                return false;
            }
            tracker = trackers.computeIfAbsent(device, d -> {
                unlisted.incrementAndGet();
                return register(d);
            });
        }
        tracker.observe(sequence, System.nanoTime());
        return true;
    }

    private SequenceGapTracker register(String device) {
        SequenceGapTracker tracker = new SequenceGapTracker();
        FunctionCounter.builder(CollectorMeters.SYSLOG_LOST.meterName(), tracker, t -> t.lost(System.nanoTime()))
                .description(CollectorMeters.SYSLOG_LOST.description()).tag("device", device).register(registry);
        FunctionCounter.builder(CollectorMeters.SYSLOG_SEQUENCE_RESTARTS.meterName(), tracker,
                        SequenceGapTracker::restarts)
                .description(CollectorMeters.SYSLOG_SEQUENCE_RESTARTS.description()).tag("device", device)
                .register(registry);
        return tracker;
    }
}
