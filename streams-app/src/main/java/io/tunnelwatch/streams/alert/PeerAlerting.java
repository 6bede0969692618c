package io.tunnelwatch.streams.alert;

import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.detect.PeerDiagnosis;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the detectors on a peer's state and moves its alert along its lifecycle (pure, no Kafka types): the next
 * state (open alert, next timer) and the alert records to publish.
 */
public final class PeerAlerting {

    private final PeerDiagnosis diagnosis;
    private final AlertLifecycle lifecycle;

    public PeerAlerting(DetectorSettings settings) {
        this.diagnosis = new PeerDiagnosis(settings);
        this.lifecycle = new AlertLifecycle(settings.resolveAfter(), settings.catchUpHorizon());
    }

    /** The outcome of one evaluation; {@code state.nextCheckAt()} is the peer's next timer. */
    public record Outcome(PeerState state, List<AlertRecord> records) {
    }

    /** Judged at the present. */
    public Outcome evaluate(PeerState state, Instant now) {
        return evaluate(state, now, false);
    }

    /**
     * @param history whether {@code now} is history being replayed ({@link CatchUp}): the state is rebuilt alike,
     *                but no alert opens
     */
    public Outcome evaluate(PeerState state, Instant now, boolean history) {
        List<Finding> findings = diagnosis.findings(state, now);
        AlertLifecycle.Step step = lifecycle.step(state.device(), state.peer(), state.openAlert(), findings,
                placeholders(state), now, history);
        Optional<Instant> next = Stream.of(diagnosis.nextCheck(state, now), lifecycle.resolveDue(step.open()),
                        Optional.ofNullable(step.recheckAt()))
                .flatMap(Optional::stream).min(Instant::compareTo);
        PeerState after = state.toBuilder().openAlert(step.open()).nextCheckAt(next.orElse(null)).build();
        return new Outcome(after, step.records());
    }

    public static Placeholders placeholders(PeerState s) {
        String tunnelId = s.tunnel() == null ? null : Placeholders.tunnelIdOf(s.tunnel().name());
        return new Placeholders(s.peer(), s.sourceInterface(), tunnelId, s.cryptoAcl());
    }
}
