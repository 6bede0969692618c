package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.Optional;

/** One detector of docs/architecture.md#detectors-and-alerts: a pure look at a peer's state at a moment. */
public interface Detector {

    AlertType type();

    /** The finding now, or empty when this condition does not hold. */
    Optional<Finding> detect(PeerState state, Instant now);

    /**
     * The next moment the answer may change with no new input (a timer running out), strictly after {@code now};
     * empty when only a new event or sample can change it. Feeds the deadline index.
     */
    Optional<Instant> nextCheck(PeerState state, Instant now);

    /** {@code at} when it lies after {@code now}; helps {@link #nextCheck}. */
    static Optional<Instant> after(Instant at, Instant now) {
        return at != null && at.isAfter(now) ? Optional.of(at) : Optional.empty();
    }
}
