package io.tunnelwatch.streams.detect;

import java.time.Duration;

/**
 * Detector thresholds, defaults from docs/architecture.md#detectors-and-alerts, and how often a peer's state is
 * republished.
 *
 * @param stuckAfter     how long a phase may hang (IKE held, IKE up without IPsec, session down) [60 s]
 * @param flatSamples    consecutive polls one direction stays flat while the other rises [3]
 * @param flapCycles     down/up cycles tolerated within {@code flapWindow} [3]
 * @param flapWindow     [10 min]
 * @param silenceAfter   no syslog and failed polls before a device is silent [5 min]
 * @param missingAfter   an expected peer without SA or negotiation [5 min]
 * @param messageWindow  how long a rate-limited error message (IOS logs several at most once a minute) keeps its
 *                       alert's condition true [5 min]
 * @param resolveAfter   how long a condition must stay absent before its alert resolves (hysteresis) [60 s]
 * @param cryptoErrorsPerPoll replay + authentication + decrypt failures one poll interval may add before CryptoErrors
 *                       opens; no source gives a number, so a few stray replay drops (reordering) stay quiet [10]
 * @param catchUpHorizon an input older than this, by the wall clock when it is processed, is history being replayed
 *                       (a new application id reading days of events, a restart after a long outage): it rebuilds
 *                       the state but opens no alert; an incident still going on once the stream caught up opens
 *                       then [5 min]
 * @param peerStateRefresh how long a peer's state may change without being published on
 *                       {@code tunnelwatch.peer-state}: a change of phase, of a layer's verdict or of the alert is
 *                       published within a second, any other change (counters, the last event) at most this long
 *                       after it
 *                       [5 min]
 */
public record DetectorSettings(
        Duration stuckAfter,
        int flatSamples,
        int flapCycles,
        Duration flapWindow,
        Duration silenceAfter,
        Duration missingAfter,
        Duration messageWindow,
        Duration resolveAfter,
        int cryptoErrorsPerPoll,
        Duration catchUpHorizon,
        Duration peerStateRefresh) {

    public static final Duration DEFAULT_PEER_STATE_REFRESH = Duration.ofMinutes(5);

    /** The thresholds with the default peer-state refresh. */
    public DetectorSettings(Duration stuckAfter, int flatSamples, int flapCycles, Duration flapWindow,
                            Duration silenceAfter, Duration missingAfter, Duration messageWindow,
                            Duration resolveAfter, int cryptoErrorsPerPoll, Duration catchUpHorizon) {
        this(stuckAfter, flatSamples, flapCycles, flapWindow, silenceAfter, missingAfter, messageWindow,
                resolveAfter, cryptoErrorsPerPoll, catchUpHorizon, DEFAULT_PEER_STATE_REFRESH);
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(Duration.ofSeconds(60), 3, 3, Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(60), 10, Duration.ofMinutes(5));
    }

    /** The same thresholds with another catch-up horizon. */
    public DetectorSettings withCatchUpHorizon(Duration horizon) {
        return new DetectorSettings(stuckAfter, flatSamples, flapCycles, flapWindow, silenceAfter, missingAfter,
                messageWindow, resolveAfter, cryptoErrorsPerPoll, horizon, peerStateRefresh);
    }

    /** The same thresholds with another peer-state refresh. */
    public DetectorSettings withPeerStateRefresh(Duration refresh) {
        return new DetectorSettings(stuckAfter, flatSamples, flapCycles, flapWindow, silenceAfter, missingAfter,
                messageWindow, resolveAfter, cryptoErrorsPerPoll, catchUpHorizon, refresh);
    }
}
