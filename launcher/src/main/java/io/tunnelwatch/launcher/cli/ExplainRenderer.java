package io.tunnelwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.launcher.view.HumanTime;
import io.tunnelwatch.launcher.view.PeerReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the {@link PeerReport} of the JSON of {@code GET /peers/{device}/{peer}} for an engineer on call: what is
 * wrong, at which layer, why (the evidence), what to run next, and the peer's timeline; the peer page shows the same
 * report as HTML.
 */
final class ExplainRenderer {

    /** Names listed after "knows no …"; the count says how many more there are. */
    static final int NAMES_SHOWN = 20;

    /**
     * Names a running tunnelwatch knows (devices, or one device's peers), from {@code GET /peers[/{device}]} of
     * every instance, in name order.
     *
     * @param more whether an instance listed only the first of its names
     */
    record Known(List<String> names, boolean more) {
    }

    private ExplainRenderer() {
    }

    static String render(JsonNode v) {
        return render(v, HumanTime.now(Clock.systemUTC()));
    }

    static String render(JsonNode v, HumanTime time) {
        PeerReport r = PeerReport.of(v, time);
        List<String> out = new ArrayList<>();
        out.add(r.title());
        r.status().forEach(s -> out.add("  " + s));
        if (r.silent() != null) {
            out.add("");
            out.add(r.silent());
        }
        out.add("");
        PeerReport.Alert alert = r.alert();
        if (alert == null) {
            out.add("Nothing is wrong: no alert is open on this tunnel.");
        } else {
            out.add("WHAT IS WRONG  " + alert.headline());
            out.add("LAYER          " + alert.layer());
            out.add("WHY            " + alert.why());
            out.add("OPEN SINCE     " + alert.openSince());
            lines(alert.related(), "ALSO SEEN (higher layers, evidence only)", out);
            lines(alert.commands(), "RUN NEXT", out);
        }
        out.add("");
        out.add(r.evidence().isEmpty() ? "No events seen yet." : "EVIDENCE (last events, oldest first)");
        r.evidence().forEach(e -> out.add("  " + e));
        lines(r.counters(), "COUNTERS (per poll)", out);
        if (!r.timeline().isEmpty()) {
            out.add("");
            out.add("TIMELINE (newest first)");
            for (PeerReport.Step step : r.timeline()) {
                out.add("  " + step.when() + "  " + step.what()
                        + (step.detail().isEmpty() ? "" : ": " + step.detail()));
                step.evidence().forEach(e -> out.add("      " + e));
            }
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * What {@code explain} says of a peer it does not know: the peers of the device when the device is known, else
     * the devices it knows.
     */
    static String unknown(String device, String peer, Known peersOfDevice, Known devices) {
        if (peersOfDevice != null && !peersOfDevice.names().isEmpty()) {
            return "tunnelwatch knows no peer " + peer + " of device " + device + ". The peers of " + device
                    + " it knows " + names(peersOfDevice) + "\n";
        }
        if (devices == null) {
            return "tunnelwatch knows no peer " + peer + " of device " + device + ".\n";
        }
        if (devices.names().isEmpty()) {
            return "tunnelwatch knows no device " + device + ": it knows no device yet (no syslog, trap or answered"
                    + " poll has reached it).\n";
        }
        return "tunnelwatch knows no device " + device + ". The devices it knows " + names(devices) + "\n";
    }

    private static String names(Known known) {
        List<String> names = known.names();
        List<String> shown = names.subList(0, Math.min(NAMES_SHOWN, names.size()));
        String count = known.more() ? "more than " + names.size() : String.valueOf(names.size());
        return (shown.size() < names.size() || known.more() ? "(the first " + shown.size() + " of " + count + ")"
                : "(" + count + ")") + ": " + String.join(", ", shown);
    }

    private static void lines(List<String> list, String title, List<String> out) {
        if (!list.isEmpty()) {
            out.add(title);
            list.forEach(item -> out.add("  " + item));
        }
    }
}
