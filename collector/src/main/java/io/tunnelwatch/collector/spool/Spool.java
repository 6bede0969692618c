package io.tunnelwatch.collector.spool;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The on-disk spool of a collector: one {@link SegmentLog} per topic under one directory ({@code <dir>/<topic>/}),
 * all within one size cap.
 */
public final class Spool {

    private final Path directory;
    private final DiskBudget budget;
    private final int segmentBytes;
    private final SpoolingSender.Settings settings;
    private final List<SpoolingSender> senders = new CopyOnWriteArrayList<>();

    /**
     * @param maxBytes     the cap on all topics' segment files together
     * @param stallTimeout how long Kafka may leave the oldest record unacknowledged before records go to disk
     */
    public Spool(Path directory, long maxBytes, Duration stallTimeout) {
        this.directory = directory;
        this.budget = new DiskBudget(maxBytes);
        // Four segments at least under the cap, so that a delivered one is deleted long before the cap is reached.
        this.segmentBytes = (int) Math.min(SegmentLog.DEFAULT_SEGMENT_BYTES, maxBytes / 4);
        this.settings = SpoolingSender.Settings.defaults().withStallTimeout(stallTimeout);
    }

    public Path directory() {
        return directory;
    }

    /** Opens the topic's log (replaying what an earlier run left there first) and a sender on it. */
    public SpoolingSender sender(String topic, SpoolingSender.Downstream downstream, MeterRegistry registry) {
        SpoolMeters meters = new SpoolMeters(topic, registry);
        SegmentLog log = SegmentLog.open(directory.resolve(topic), budget, segmentBytes, meters);
        SpoolingSender sender = new SpoolingSender(topic, log, downstream, meters, settings);
        senders.add(sender);
        return sender;
    }

    /** Whether every topic's spool takes records (none refused one for want of room since it last had some). */
    public boolean hasRoom() {
        return senders.stream().noneMatch(SpoolingSender::spoolFull);
    }

    /** A sender without a spool: every record straight to Kafka. */
    public static SpoolingSender none(String topic, SpoolingSender.Downstream downstream) {
        return new SpoolingSender(topic, null, downstream, null, SpoolingSender.Settings.defaults());
    }
}
