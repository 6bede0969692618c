package io.tunnelwatch.streams.peer;

import java.time.Instant;

/**
 * The time an input is judged at. Record time (the collector's receive time), never the wall clock, so a replay after
 * a restart decides alike.
 */
public final class PeerTime {

    private PeerTime() {
    }

    /**
     * The record timestamp is the input's own time cut to the millisecond; judged at the cut time, a message would
     * lie in its own future and count for nothing until the next input. Within that millisecond, the input's time.
     */
    public static Instant inputTime(long recordMillis, Instant inputAt) {
        Instant recordTime = Instant.ofEpochMilli(recordMillis);
        return inputAt != null && inputAt.isAfter(recordTime) && inputAt.toEpochMilli() == recordMillis
                ? inputAt : recordTime;
    }

    /**
     * The time a peer is judged at: its input's time, but never before what the peer already knows. A far end's
     * report (another partition, another poll cycle) or a late input carries an older time; judged then, a condition
     * held past its threshold looks younger than it and an open alert starts clearing while nothing healed.
     */
    public static Instant judgedAt(Instant inputTime, PeerState prior) {
        Instant at = inputTime;
        if (prior != null) {
            at = later(at, prior.lastEventAt());
            at = later(at, prior.lastSample() == null ? null : prior.lastSample().polledAt());
            if (prior.openAlert() != null) {
                at = later(at, prior.openAlert().openedAt());
                at = later(at, prior.openAlert().clearingSince());
            }
        }
        return at;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
