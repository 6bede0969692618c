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
 * </ul>
 * Not thread-safe: one per processor, like the processor itself.
 */
public final class CatchUp {

    private final Duration horizon;
    private Instant lastInputAt;
    private boolean replaying = true;
    private Instant quietSince;

    /**
     * @param startedAt the wall clock when the task started
     */
    public CatchUp(Duration horizon, Instant startedAt) {
        this.horizon = Objects.requireNonNull(horizon, "horizon");
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
     * clock once caught up, else the time of the last input replayed (history); empty before the first input, while
     * it may still come.
     */
    public Optional<Moment> timersAt(Instant wallClock) {
        if (!replaying || !wallClock.isBefore(quietSince.plus(horizon))) {
            return Optional.of(new Moment(wallClock, false));
        }
        return Optional.ofNullable(lastInputAt).map(at -> new Moment(at, true));
    }
}
