package io.tunnelwatch.streams.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells the present from history being replayed, for the inputs of one stream task (pure: its processor hands it
 * the times). A new application id reads its input topics from the beginning, and a restart after a long outage
 * reads all it missed: the state must be rebuilt from every input, but an incident that ended long ago must not page.
 * <ul>
 *   <li>An input is <em>history</em> when its time is older than the catch-up horizon by the wall clock when it is
 *       processed. An alert judged in history does not open ({@link AlertLifecycle}); one already open is still
 *       updated and resolved.</li>
 *   <li>Timers are judged at the wall clock only once the task caught up: its last input was not history, or it has
 *       had no input for a whole horizon (nothing is left to replay). While it replays, they are judged at the time
 *       of the last input replayed, so no peer is judged at the present on a state that the rest of its history would
 *       still change. A task that has had no input yet judges no timer before it waited a horizon.</li>
 *   <li>Caught up, timers are judged at the wall clock less the input lateness: an input reaches the task a moment
 *       after its own time (a poll is stamped when it starts, then the collector, the broker and the commit), so a
 *       timer judged at the wall clock would be judged before inputs older than it that are still on their way, and
 *       the answer would depend on which came first (docs/architecture.md#timers-and-late-inputs).</li>
 * </ul>
 * Not thread-safe: one per processor, like the processor itself.
 */
public final class CatchUp {

    /**
     * The input lateness the trackers allow: more than an input takes from its own time to the task on a loaded
     * machine, less than anything a detector measures (docs/architecture.md#timers-and-late-inputs).
     */
    public static final Duration INPUT_LATENESS = Duration.ofSeconds(1);

    private final Duration horizon;
    private final Duration lateness;
    private Instant lastInputAt;
    private boolean replaying = true;
    private Instant quietSince;

    /**
     * @param lateness  how long after its own time an input may still reach the task and be judged before the timers
     *                  due at that time ({@link #INPUT_LATENESS} in the trackers)
     * @param startedAt the wall clock when the task started
     */
    public CatchUp(Duration horizon, Duration lateness, Instant startedAt) {
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.lateness = Objects.requireNonNull(lateness, "lateness");
        this.quietSince = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A time to judge at, and whether that is history. */
    public record Moment(Instant at, boolean history) {
    }

    /** Whether a judgement at {@code at} is history when the wall clock reads {@code wallClock}. */
    public boolean isHistory(Instant at, Instant wallClock) {
        return at.isBefore(wallClock.minus(horizon));
    }

    /**
     * Takes note of an input judged at {@code at} and processed when the wall clock read {@code wallClock}.
     *
     * @return whether the input is history
     */
    public boolean input(Instant at, Instant wallClock) {
        replaying = isHistory(at, wallClock);
        lastInputAt = at;
        quietSince = wallClock;
        return replaying;
    }

    /**
     * When a wall-clock punctuation fires at {@code wallClock}, the moment the timers due are judged at: the wall
     * clock less the input lateness once caught up, else the time of the last input replayed (history); empty before
     * the first input, while it may still come.
     */
    public Optional<Moment> timersAt(Instant wallClock) {
        if (!replaying || !wallClock.isBefore(quietSince.plus(horizon))) {
            return Optional.of(new Moment(wallClock.minus(lateness), false));
        }
        return Optional.ofNullable(lastInputAt).map(at -> new Moment(at, true));
    }
}
