package io.tunnelwatch.streams.reject;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.peer.PeerInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a readable input of the peer tracker is plausible (pure). A record dated in 1970 or in 2100 is
 * judged against the wall clock, not against stream time: a single record from 2100 would move a partition's stream
 * time there and make every good record after it look ancient. The window is wide enough for a replay of the topics'
 * retention and for a router clock that is off, and narrow enough that a peer's state is never judged years away.
 */
public final class InputValidator {

    /** The oldest input accepted, by the wall clock: more than the topics keep (7 days by default). */
    public static final Duration MAX_AGE = Duration.ofDays(30);
    /** The furthest an input may lie ahead of the wall clock (collector and streams clocks differ a little). */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    private InputValidator() {
    }

    /** Why the input must be skipped, or empty when it is plausible. */
    public static Optional<Rejection> check(PeerKey key, PeerInput input, long recordMillis, Instant wallClock) {
        if (key == null) {
            return reject(RejectReason.NULL_KEY, "no key");
        }
        if (input == null) {
            return reject(RejectReason.EMPTY_VALUE, "no value");
        }
        Optional<Rejection> time = checkTime("record timestamp", Instant.ofEpochMilli(recordMillis), wallClock);
        if (time.isPresent()) {
            return time;
        }
        if (input instanceof PeerInput.Event e) {
            return checkEvent(key, e.event(), wallClock);
        }
        if (input instanceof PeerInput.Sample s) {
            return checkSample(key, s.sample(), wallClock);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkEvent(PeerKey key, TunnelEvent event, Instant wallClock) {
        if (event.severity() < 0 || event.severity() > 7) {
            return reject(RejectReason.INVALID_VALUE, "severity " + event.severity());
        }
        return checkPeer(key, event.device(), event.peer())
                .or(() -> checkTime("receivedAt", event.receivedAt(), wallClock));
    }

    private static Optional<Rejection> checkSample(PeerKey key, CounterSample sample, Instant wallClock) {
        if (sample.saCount() < 0) {
            return reject(RejectReason.NEGATIVE_COUNTER, "saCount " + sample.saCount());
        }
        return checkPeer(key, sample.device(), sample.peer())
                .or(() -> checkTime("polledAt", sample.polledAt(), wallClock))
                .or(() -> checkCounters("totals", sample.totals()))
                .or(() -> checkCounters("deltas", sample.deltas()));
    }

    private static Optional<Rejection> checkPeer(PeerKey key, String device, String peer) {
        if (device.isEmpty() || peer.isEmpty()) {
            return reject(RejectReason.INVALID_VALUE, "empty device or peer");
        }
        if (!key.isDeviceWide() && !(key.device().equals(device) && key.peer().equals(peer))) {
            return reject(RejectReason.INVALID_VALUE, "the value is not the key's peer");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkTime(String what, Instant at, Instant wallClock) {
        if (at.isBefore(wallClock.minus(MAX_AGE)) || at.isAfter(wallClock.plus(MAX_AHEAD))) {
            return reject(RejectReason.TIME_OUT_OF_RANGE, what + " " + at);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkCounters(String what, CounterSample.Counters c) {
        long[] values = {c.inPkts(), c.outPkts(), c.inOctets(), c.outOctets(), c.inDropPkts(), c.outDropPkts(),
                c.inReplayDropPkts(), c.inAuthFails(), c.inDecryptFails(), c.outEncryptFails()};
        for (long value : values) {
            if (value < 0) {
                return reject(RejectReason.NEGATIVE_COUNTER, what + " holds " + value);
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }

    /** A reason and a short detail for the log line (never the record's text). */
    public record Rejection(RejectReason reason, String detail) {
    }
}
