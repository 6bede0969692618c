package io.tunnelwatch.streams.reject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.streams.metrics.TunnelwatchMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the input records the streams app skips: unreadable ones (from {@link SkipUnreadableRecords}) and
 * readable but implausible ones (from the peer tracker, {@link InputValidator}). Each skip counts once on
 * {@code tunnelwatch_records_rejected_total{topic,reason}}; the log says topic, partition, offset and reason for the
 * first skip of a topic and reason, then at most once per {@link #LOG_EVERY} with the number left unlogged meanwhile,
 * so a flood of poison costs a counter increment per record and no log storm. Thread-safe: stream threads share it.
 *
 * <p>Kafka Streams builds its handlers from class names; the app hands this object to them through its configuration
 * under {@link #CONFIG_KEY}, where the handlers and the processors find it ({@link #from(Map)}).
 */
public final class RejectedRecords {

    /** The configuration key under which the app passes its instance to Kafka Streams. */
    public static final String CONFIG_KEY = "tunnelwatch.rejected.records";
    public static final Duration LOG_EVERY = Duration.ofMinutes(1);
    /** A serde's message may quote the record's bytes: a log line carries this much of it at most. */
    static final int MAX_DETAIL = 160;

    private static final Logger LOG = LoggerFactory.getLogger(RejectedRecords.class);
    /** Used where Kafka Streams runs without the app's instance (tests driving a bare topology): logs, counts aside. */
    private static final RejectedRecords DETACHED = new RejectedRecords(new SimpleMeterRegistry(), List.of(),
            Clock.systemUTC());

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, LogGate> gates = new ConcurrentHashMap<>();

    /**
     * @param topics the topics whose every reason's counter is registered at once, so each series is served (at 0)
     *               before the first skip; other topics' counters appear with their first skip
     */
    public RejectedRecords(MeterRegistry registry, List<String> topics, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (String topic : topics) {
            for (RejectReason reason : RejectReason.values()) {
                counter(topic, reason);
            }
        }
    }

    /** The instance the app put in the configuration, or a detached one that only logs. */
    public static RejectedRecords from(Map<String, ?> configs) {
        return configs.get(CONFIG_KEY) instanceof RejectedRecords r ? r : DETACHED;
    }

    /** Counts and (rate-limited) logs one skipped record. */
    public void reject(String topic, int partition, long offset, RejectReason reason, String detail) {
        reject(topic, partition, offset, reason, detail, null);
    }

    /** As {@link #reject(String, int, long, RejectReason, String)}; a logged line carries {@code cause}'s trace. */
    public void reject(String topic, int partition, long offset, RejectReason reason, String detail,
                       Throwable cause) {
        counter(topic, reason).increment();
        long unlogged = gates.computeIfAbsent(topic + '|' + reason, k -> new LogGate()).pass(clock.instant());
        if (unlogged >= 0) {
            LOG.warn("Skipped a record of {} partition {} offset {}: {} ({}){}", topic, partition, offset,
                    reason.tag(), shortened(detail), unlogged == 0 ? ""
                            : "; " + unlogged + " more skipped for this reason since the last such line", cause);
        }
    }

    private static String shortened(String detail) {
        String text = String.valueOf(detail);
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }

    /** How many records of {@code topic} were skipped for {@code reason}. */
    public double count(String topic, RejectReason reason) {
        return counter(topic, reason).count();
    }

    private Counter counter(String topic, RejectReason reason) {
        return counters.computeIfAbsent(topic + '|' + reason, k -> Counter
                .builder(TunnelwatchMeters.RECORDS_REJECTED.meterName())
                .description(TunnelwatchMeters.RECORDS_REJECTED.description())
                .tag("topic", topic)
                .tag("reason", reason.tag())
                .register(registry));
    }

    /** Lets one line through per {@link #LOG_EVERY}; counts the ones held back. */
    private static final class LogGate {
        private Instant lastLogged;
        private long held;

        /** The number held back since the last line when this one may be logged, else -1. */
        synchronized long pass(Instant now) {
            if (lastLogged != null && now.isBefore(lastLogged.plus(LOG_EVERY))) {
                held++;
                return -1;
            }
            lastLogged = now;
            long unlogged = held;
            held = 0;
            return unlogged;
        }
    }
}
