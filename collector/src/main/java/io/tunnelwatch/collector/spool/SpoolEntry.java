package io.tunnelwatch.collector.spool;

/**
 * A record read back from a {@link SegmentLog}, with where it starts and where the next one starts (the position to
 * acknowledge once it is delivered).
 */
public record SpoolEntry(long position, long next, SpoolRecord record) {
}
