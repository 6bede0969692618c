package io.tunnelwatch.streams.alert;

import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.detect.PeerDiagnosis;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.RoutingAdjacencies;
import io.tunnelwatch.streams.peer.RoutingAdjacency;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** While a device is silent, its peers are looked at again this often (their alerts are held meanwhile). */
    public static final Duration SILENT_DEVICE_RECHECK = Duration.ofSeconds(30);

    /** The outcome of one evaluation; {@code state.nextCheckAt()} is the peer's next timer. */
    public record Outcome(PeerState state, List<AlertRecord> records) {
    }

    /** Judged at the present. */
    public Outcome evaluate(PeerState state, Instant now) {
        return evaluate(state, now, false);
    }

    /**
     * Like {@link #evaluate(PeerState, Instant, boolean)}, but while the peer's device is silent (DeviceSilent open,
     * docs/runbook.md#device-layer) its alert is held: none opens, and an open one is neither updated nor resolved,
     * since nothing said about the peer now can be trusted; the peer is looked at again after
     * {@link #SILENT_DEVICE_RECHECK}.
     */
    public Outcome evaluate(PeerState state, Instant now, boolean history, boolean deviceSilent) {
        return deviceSilent
                ? new Outcome(state.toBuilder().nextCheckAt(now.plus(SILENT_DEVICE_RECHECK)).build(), List.of())
                : evaluate(state, now, history);
    }

    /**
     * @param history whether {@code now} is history being replayed ({@link CatchUp}): the state is rebuilt alike,
     *                but no alert opens
     */
    public Outcome evaluate(PeerState state, Instant now, boolean history) {
        List<Finding> findings = diagnosis.findings(state, now);
        AlertLifecycle.Step step = lifecycle.step(state.device(), state.peer(), state.openAlert(), findings,
                placeholders(state), now, history);
        Instant next = lifecycle.nextLook(diagnosis.nextCheck(state, now), step);
        PeerState.Builder after = state.toBuilder().openAlert(step.open()).nextCheckAt(next);
        if (step.open() != null && state.phase() == PeerPhase.UNKNOWN) {
            // Something is wrong with the peer and nothing says any SA is up: the gauge says down, not unknown.
            after.phase(PeerPhase.DOWN, now);
        }
        for (AlertRecord r : step.records()) {
            if (r.action() != AlertRecord.Action.UPDATED) {
                after.milestone(milestoneOf(r, state));
            }
        }
        return new Outcome(after.build(), step.records());
    }

    /**
     * An alert opened or resolved, for the peer's timeline: its cause or resolution and its evidence; an alert that
     * resolved because its condition went away has none of its own, so the last message and poll seen stand for it.
     */
    private static Milestone milestoneOf(AlertRecord r, PeerState state) {
        boolean opened = r.action() == AlertRecord.Action.OPENED;
        List<String> evidence = r.evidence();
        if (evidence == null || evidence.isEmpty()) {
            evidence = Stream.concat(state.recentEvents().stream().skip(Math.max(0, state.recentEvents().size() - 1))
                            .map(Evidence::line),
                    state.recentDeltas().stream().skip(Math.max(0, state.recentDeltas().size() - 1))
                            .map(CounterDelta::line)).toList();
        }
        return new Milestone(r.at(), opened ? Milestone.Kind.OPENED : Milestone.Kind.RESOLVED, r.alert(),
                opened ? r.cause() : r.resolution(), evidence);
    }

    /**
     * The values of the runbook's placeholders for {@code s}: the tunnel id from the inventory or a poll
     * ({@code tunnelName}), else from the message that named the tunnel interface, else from the interface of a
     * routing adjacency that is down.
     */
    public static Placeholders placeholders(PeerState s) {
        String tunnelId = Placeholders.tunnelIdOf(s.tunnelName());
        if (tunnelId == null && s.tunnel() != null) {
            tunnelId = Placeholders.tunnelIdOf(s.tunnel().name());
        }
        RoutingAdjacency down = RoutingAdjacencies.firstDown(s);
        if (tunnelId == null && down != null) {
            tunnelId = Placeholders.tunnelIdOf(down.iface());
        }
        return new Placeholders(s.peer(), s.sourceInterface(), tunnelId, s.cryptoAcl(),
                down == null ? null : RoutingAdjacencies.address(down), s.ikeVersion());
    }
}
