package io.tunnelwatch.streams.alert;

import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens, updates and resolves the one alert of a peer from its current findings (pure;
 * docs/architecture.md#detectors-and-alerts, docs/runbook.md#how-to-work-an-alert):
 * <ul>
 *   <li>only the lowest-layer finding opens; the others are attached to the open alert as evidence;</li>
 *   <li>a finding below the open alert supersedes it (the open one resolves, the lower one opens);</li>
 *   <li>an alert resolves only after its condition stayed absent for {@code resolveAfter} (hysteresis, so a flap
 *       does not open and close it every poll); then the next finding, if any, may open;</li>
 *   <li>judged in history ({@link CatchUp}), nothing opens and nothing is superseded: the finding is held back and
 *       looked at again one {@code catchUpHorizon} on, so an incident that ended long ago pages no one, and one still
 *       going on opens once the stream caught up, judged at the present. An alert already open (published before)
 *       is still updated and resolved.</li>
 * </ul>
 */
public final class AlertLifecycle {

    private final Duration resolveAfter;
    private final Duration catchUpHorizon;

    public AlertLifecycle(Duration resolveAfter, Duration catchUpHorizon) {
        this.resolveAfter = resolveAfter;
        this.catchUpHorizon = catchUpHorizon;
    }

    /**
     * The next open alert of a peer and the records to publish.
     *
     * @param recheckAt when a finding held back in history is looked at again; null when none was held back
     */
    public record Step(OpenAlert open, List<AlertRecord> records, Instant recheckAt) {
    }

    /** The step of a healthy peer with no alert, by far the most common one: nothing to do. */
    private static final Step QUIET = new Step(null, List.of(), null);

    /** A step judged at the present. */
    public Step step(String device, String peer, OpenAlert current, List<Finding> findings, Placeholders values,
                     Instant now) {
        return step(device, peer, current, findings, values, now, false);
    }

    /**
     * @param findings the peer's findings now, root cause first
     * @param history  whether {@code now} is history being replayed ({@link CatchUp#isHistory})
     */
    public Step step(String device, String peer, OpenAlert current, List<Finding> findings, Placeholders values,
                     Instant now, boolean history) {
        if (current == null && findings.isEmpty()) {
            return QUIET;
        }
        List<AlertRecord> out = new ArrayList<>();
        OpenAlert open = current;
        Finding root = findings.isEmpty() ? null : findings.get(0);
        boolean heldBack = false;
        if (open != null) {
            Optional<Finding> same = findings.stream().filter(f -> f.type() == current.type()).findFirst();
            boolean supersedes = root != null && root.type().isBelow(current.type());
            heldBack = supersedes && history;
            if (supersedes && !history) {
                out.add(record(AlertRecord.Action.RESOLVED, device, peer, current, same.orElse(null), findings,
                        values, now, "superseded by " + root.type().alertName() + " at a lower layer"));
                open = null;
            } else if (same.isPresent()) {
                open = refresh(device, peer, current, same.get(), findings, values, now, out);
            } else if (current.clearingSince() == null) {
                open = current.withClearingSince(now);
            } else if (!now.isBefore(current.clearingSince().plus(resolveAfter))) {
                out.add(record(AlertRecord.Action.RESOLVED, device, peer, current, null, findings, values, now,
                        "condition absent since " + current.clearingSince()));
                open = null;
            }
        }
        if (open == null && root != null && history) {
            heldBack = true;
        } else if (open == null && root != null) {
            open = new OpenAlert(OpenAlert.idOf(device, peer, root.type(), now), root.type(), now, root.cause(),
                    relatedNames(root, findings), null);
            out.add(record(AlertRecord.Action.OPENED, device, peer, open, root, findings, values, now, null));
        }
        return new Step(open, out, heldBack ? now.plus(catchUpHorizon) : null);
    }

    /**
     * When to look at the peer (or device) again without new input: the earliest of its detectors' next check, the
     * moment its clearing alert would resolve and the recheck of a finding held back; null when nothing is due.
     */
    public Instant nextLook(Instant detectorsNext, Step step) {
        return earlier(earlier(detectorsNext, step.recheckAt()), resolveDue(step.open()).orElse(null));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** When a clearing alert would resolve, so the caller can set a timer; empty when none is clearing. */
    public Optional<Instant> resolveDue(OpenAlert open) {
        return open == null || open.clearingSince() == null
                ? Optional.empty() : Optional.of(open.clearingSince().plus(resolveAfter));
    }

    private OpenAlert refresh(String device, String peer, OpenAlert current, Finding finding,
                              List<Finding> findings, Placeholders values, Instant now, List<AlertRecord> out) {
        List<String> related = relatedNames(finding, findings);
        OpenAlert next = current.withDiagnosis(finding.cause(), related);
        // Only a changed diagnosis is news; the same finding on every poll is not.
        if (!next.cause().equals(current.cause()) || !related.equals(current.related())) {
            out.add(record(AlertRecord.Action.UPDATED, device, peer, next, finding, findings, values, now, null));
        }
        return next;
    }

    private static List<String> relatedNames(Finding root, List<Finding> findings) {
        return findings.stream().filter(f -> f != root).map(f -> f.type().alertName()).sorted().toList();
    }

    private static AlertRecord record(AlertRecord.Action action, String device, String peer, OpenAlert alert,
                                      Finding finding, List<Finding> findings, Placeholders values, Instant now,
                                      String resolution) {
        AlertType type = alert.type();
        List<String> evidence = new ArrayList<>(finding == null ? List.of() : finding.evidence());
        for (Finding other : findings) {
            if (other != finding && other.type() != type) {
                evidence.add("also " + other.type().alertName() + " (" + other.type().layer() + "): " + other.cause());
            }
        }
        return new AlertRecord(AlertRecord.VERSION, action, alert.id(), device, peer, type.alertName(),
                type.layer().name(), type.severity().label(), RunbookTexts.summary(type), alert.cause(),
                evidence, alert.related(), RunbookTexts.commands(type, values), alert.openedAt(), now, resolution);
    }
}
