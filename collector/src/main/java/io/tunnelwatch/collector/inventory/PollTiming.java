package io.tunnelwatch.collector.inventory;

import java.time.Duration;

/**
 * When and how patiently one device is polled, as its inventory entry says; a null part takes the default below.
 *
 * @param interval time between two polls
 * @param jitter   up to this much is added at random to every poll, so devices that start together drift apart
 * @param timeout  how long one request waits for its answer
 * @param retries  how often an unanswered request is sent again before the poll counts as a timeout
 */
public record PollTiming(Duration interval, Duration jitter, Duration timeout, Integer retries) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JITTER = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 2;

    /** Every part the poller's default. */
    public static final PollTiming DEFAULTS = new PollTiming(null, null, null, null);

    /** Only the interval set (null: the default too). */
    public static PollTiming every(Duration interval) {
        return new PollTiming(interval, null, null, null);
    }
}
