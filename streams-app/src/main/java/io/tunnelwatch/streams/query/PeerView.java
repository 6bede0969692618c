package io.tunnelwatch.streams.query;

import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /peers/{device}/{peer}}: the peer's state, its recent events, its open alert with the
 * diagnosis and the runbook's next commands, and its timeline, as JSON.
 *
 * @param deviceSilentSince when the device went silent; its peers' alerts are held meanwhile. Null when heard.
 * @param timeline          the peer's last phase changes and alerts opened or resolved, oldest first, each with its
 *                          evidence
 */
public record PeerView(
        String device,
        String peer,
        String phase,
        Instant phaseSince,
        String ikeVersion,
        String ikeState,
        Instant ikeSince,
        String ipsecState,
        Instant ipsecSince,
        boolean natT,
        String tunnelInterface,
        Boolean tunnelUp,
        Instant lastEventAt,
        List<String> recentEvents,
        List<String> recentCounters,
        Alert alert,
        Instant deviceSilentSince,
        List<Milestone> timeline) {

    /** The open alert: what is wrong, at which layer, why, and what to run next. */
    public record Alert(String id, String alert, String layer, String severity, String summary, String cause,
                        List<String> related, List<String> commands, Instant openedAt, Instant clearingSince) {
    }

    public static PeerView of(PeerState s, DeviceStatus device) {
        OpenAlert open = s.openAlert();
        Alert alert = open == null ? null : new Alert(open.id(), open.type().alertName(), open.type().layer().name(),
                open.type().severity().label(), RunbookTexts.summary(open.type()), open.cause(), open.related(),
                RunbookTexts.commands(open.type(), io.tunnelwatch.streams.alert.PeerAlerting.placeholders(s)),
                open.openedAt(), open.clearingSince());
        return new PeerView(s.device(), s.peer(), s.phase().name(), s.phaseSince(), s.ikeVersion().name(),
                s.ike().state().name(), s.ike().since(), s.ipsec().state().name(), s.ipsec().since(), s.natT(),
                s.tunnel() == null ? null : s.tunnel().name(), s.tunnel() == null ? null : s.tunnel().up(),
                s.lastEventAt(), s.recentEvents().stream().map(Evidence::line).toList(),
                s.recentDeltas().stream().map(io.tunnelwatch.streams.peer.CounterDelta::line).toList(), alert,
                device != null && device.silent() ? device.silentSince() : null, s.milestones());
    }
}
