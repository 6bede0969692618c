package io.tunnelwatch.launcher.view;

import java.util.Locale;

/**
 * The peer page, {@code GET /peers/{device}/{peer}} asked by a browser: the same {@link PeerReport} as
 * {@code tunnelwatch explain}, as static HTML, every text escaped.
 */
public final class PeerPage {

    private PeerPage() {
    }

    public static String render(PeerReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.escape(r.title())).append("</h1>\n<p>");
        b.append(String.join("<br>", r.status().stream().map(Html::escape).toList())).append("</p>\n");
        if (r.silent() != null) {
            b.append("<p class=\"warning\">").append(Html.escape(r.silent())).append("</p>\n");
        }
        alert(r.alert(), b);
        b.append("<h2>Evidence (last events, oldest first)</h2>\n");
        b.append(r.evidence().isEmpty() ? "<p class=\"note\">No events seen yet.</p>\n" : Html.lines(r.evidence()));
        if (!r.counters().isEmpty()) {
            b.append("<h2>Counters (per poll)</h2>\n").append(Html.lines(r.counters()));
        }
        b.append("<h2>Timeline (newest first)</h2>\n");
        if (r.timeline().isEmpty()) {
            b.append("<p class=\"note\">Nothing recorded yet.</p>\n");
        } else {
            b.append("<ol class=\"timeline\" reversed>\n");
            for (PeerReport.Step step : r.timeline()) {
                b.append("<li class=\"").append(Html.escape(step.kind().toLowerCase(Locale.ROOT)))
                        .append("\"><span class=\"when\">").append(Html.escape(step.when())).append("</span> <b>")
                        .append(Html.escape(step.what())).append("</b>")
                        .append(step.detail().isEmpty() ? "" : ": " + Html.escape(step.detail()));
                if (!step.evidence().isEmpty()) {
                    b.append(Html.lines(step.evidence()));
                }
                b.append("</li>\n");
            }
            b.append("</ol>\n");
        }
        return Html.page(r.device() + " -> " + r.peer() + " · tunnelwatch", b.toString());
    }

    private static void alert(PeerReport.Alert a, StringBuilder b) {
        if (a == null) {
            b.append("<p class=\"ok\">Nothing is wrong: no alert is open on this tunnel.</p>\n");
            return;
        }
        b.append("<table>\n");
        row(b, "What is wrong", "<span class=\"" + Html.escape(a.severity()) + "\">" + Html.escape(a.headline())
                + "</span>");
        row(b, "Layer", Html.escape(a.layer()));
        row(b, "Why", Html.escape(a.why()));
        row(b, "Open since", Html.escape(a.openSince()));
        b.append("</table>\n");
        if (!a.commands().isEmpty()) {
            b.append("<h2>Run next</h2>\n<pre>").append(Html.escape(String.join("\n", a.commands())))
                    .append("</pre>\n");
        }
        if (!a.related().isEmpty()) {
            b.append("<h2>Also seen (higher layers, evidence only)</h2>\n").append(Html.lines(a.related()));
        }
    }

    private static void row(StringBuilder b, String label, String html) {
        b.append("<tr><th>").append(label).append("</th><td>").append(html).append("</td></tr>\n");
    }

    /** A short page for a peer that cannot be shown: unknown, or no answer now. */
    public static String problem(String device, String peer, String message) {
        return Html.page(device + " -> " + peer + " · tunnelwatch", "<h1>" + Html.escape(device + " -> " + peer)
                + "</h1>\n<p>" + Html.escape(message) + "</p>\n");
    }
}
