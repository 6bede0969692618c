package io.tunnelwatch.launcher.view;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.query.PeerQuery;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The fleet page, {@code GET /} asked by a browser: the open alerts worst first (critical before warning, then the
 * longest open first), each linking to its peer page; how many devices and peers this instance holds, and the other
 * instances that hold the rest. Static HTML, every text escaped.
 */
public final class FleetPage {

    /** The most alerts listed; the count says how many more are open. */
    static final int MAX_ROWS = 500;

    /** Worst first: severity, then open longest, then by name so a refresh keeps the order. */
    static final Comparator<PeerQuery.OpenAlertLine> WORST_FIRST = Comparator
            .comparingInt((PeerQuery.OpenAlertLine a) -> severityRank(a.severity()))
            .thenComparing(PeerQuery.OpenAlertLine::openedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(PeerQuery.OpenAlertLine::device)
            .thenComparing(PeerQuery.OpenAlertLine::peer);

    private FleetPage() {
    }

    public static String render(PeerQuery.Fleet fleet, HumanTime time) {
        return render(fleet, time, "http");
    }

    /** @param scheme what the other instances speak ({@code http} or {@code https}), as this one does */
    public static String render(PeerQuery.Fleet fleet, HumanTime time, String scheme) {
        List<PeerQuery.OpenAlertLine> open = fleet.openAlerts().stream().sorted(WORST_FIRST).toList();
        StringBuilder b = new StringBuilder("<h1>tunnelwatch</h1>\n<p>");
        b.append(open.isEmpty() ? "<span class=\"ok\">No alert is open.</span>"
                        : open.size() + (open.size() == 1 ? " open alert" : " open alerts"))
                .append(" · ").append(fleet.devices()).append(fleet.devices() == 1 ? " device · " : " devices · ")
                .append(fleet.peers()).append(fleet.peers() == 1 ? " peer" : " peers");
        b.append(fleet.otherInstances().isEmpty() ? "" : " on this instance").append("</p>\n");
        if (!fleet.otherInstances().isEmpty()) {
            b.append("<p class=\"note\">The rest of the fleet is on ");
            b.append(String.join(", ", fleet.otherInstances().stream()
                    .map(host -> Html.link(scheme + "://" + host + "/", host)).toList())).append(".</p>\n");
        }
        if (!open.isEmpty()) {
            b.append("<h2>Open alerts, worst first</h2>\n<table>\n<tr><th>Severity</th><th>Alert</th>"
                    + "<th>Device</th><th>Peer</th><th>Layer</th><th>Why</th><th>Open since</th></tr>\n");
            for (PeerQuery.OpenAlertLine a : open.subList(0, Math.min(MAX_ROWS, open.size()))) {
                String severity = Html.escape(a.severity());
                // A device-wide alert (DeviceSilent) has no peer and so no page.
                boolean deviceWide = PeerKey.ANY_PEER.equals(a.peer());
                String path = Html.peerPath(a.device(), a.peer());
                b.append("<tr><td class=\"").append(severity).append("\">").append(severity).append("</td><td>")
                        .append(deviceWide ? Html.escape(a.alert()) : Html.link(path, a.alert())).append("</td><td>")
                        .append(Html.escape(a.device())).append("</td><td>")
                        .append(deviceWide ? "the device itself" : Html.link(path, a.peer())).append("</td><td>")
                        .append(Html.escape(a.layer())).append("</td><td>")
                        .append(Html.escape(time.text(a.cause()))).append("</td><td class=\"when\">")
                        .append(Html.escape(time.when(a.openedAt()))).append("</td></tr>\n");
            }
            b.append("</table>\n");
            if (open.size() > MAX_ROWS) {
                b.append("<p class=\"note\">and ").append(open.size() - MAX_ROWS)
                        .append(" more, less severe or opened later.</p>\n");
            }
        }
        b.append("<p class=\"note\">As of ").append(Html.escape(time.at(time.now()))).append(". The same as JSON: ")
                .append(Html.link("/peers", "/peers")).append(" (devices), /peers/{device} (peers),"
                        + " /peers/{device}/{peer} (one peer).</p>\n");
        return Html.page("tunnelwatch · " + open.size() + " open", b.toString());
    }

    /** A page saying why the fleet cannot be listed here (no streams app in this process, or not yet). */
    public static String unavailable(String reason) {
        return Html.page("tunnelwatch", "<h1>tunnelwatch</h1>\n<p>" + Html.escape(reason) + "</p>\n");
    }

    private static int severityRank(String severity) {
        return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }
}
