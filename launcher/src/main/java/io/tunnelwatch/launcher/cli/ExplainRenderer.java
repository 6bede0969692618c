package io.tunnelwatch.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the JSON of {@code GET /peers/{device}/{peer}} into what an engineer on call reads (RUNBOOK.md "Always"):
 * what is wrong, at which layer, why (the evidence), and what to run next.
 */
final class ExplainRenderer {

    private static final int EVENTS_SHOWN = 8;
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
        List<String> out = new ArrayList<>();
        out.add("Tunnel " + text(v, "device") + " -> " + text(v, "peer") + ": " + phase(v)
                + since(v, "phaseSince"));
        out.add("  IKE " + text(v, "ikeState") + " (" + text(v, "ikeVersion") + ")" + since(v, "ikeSince")
                + ", IPsec SA " + text(v, "ipsecState") + since(v, "ipsecSince")
                + (v.path("natT").asBoolean() ? ", NAT-T in use" : ""));
        if (!v.path("tunnelInterface").isMissingNode() && !v.path("tunnelInterface").isNull()) {
            out.add("  " + text(v, "tunnelInterface") + " is " + (v.path("tunnelUp").asBoolean() ? "up" : "down"));
        }
        if (!v.path("deviceSilentSince").isNull() && !v.path("deviceSilentSince").isMissingNode()) {
            out.add("");
            out.add("The router itself is silent since " + text(v, "deviceSilentSince")
                    + " (DeviceSilent): nothing below can be trusted, its alerts are held.");
        }
        JsonNode alert = v.path("alert");
        out.add("");
        if (alert.isMissingNode() || alert.isNull()) {
            out.add("Nothing is wrong: no alert is open on this tunnel.");
        } else {
            out.add("WHAT IS WRONG  " + text(alert, "alert") + " (" + text(alert, "severity") + "): "
                    + text(alert, "summary"));
            out.add("LAYER          " + text(alert, "layer"));
            out.add("WHY            " + text(alert, "cause"));
            out.add("OPEN SINCE     " + text(alert, "openedAt")
                    + (alert.path("clearingSince").isNull() ? "" : " (clearing since " + text(alert, "clearingSince")
                    + ")"));
            lines(alert.path("related"), "ALSO SEEN (higher layers, evidence only)", out);
            lines(alert.path("commands"), "RUN NEXT", out);
        }
        List<String> events = new ArrayList<>();
        v.path("recentEvents").forEach(e -> events.add(e.asText()));
        List<String> shown = events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size());
        out.add("");
        out.add(shown.isEmpty() ? "No events seen yet." : "EVIDENCE (last events, oldest first)");
        shown.forEach(e -> out.add("  " + e));
        List<String> counters = new ArrayList<>();
        v.path("recentCounters").forEach(c -> counters.add(c.asText()));
        if (!counters.isEmpty()) {
            out.add("COUNTERS (per poll)");
            counters.forEach(c -> out.add("  " + c));
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

    private static void lines(JsonNode list, String title, List<String> out) {
        if (list.isArray() && !list.isEmpty()) {
            out.add(title);
            list.forEach(item -> out.add("  " + item.asText()));
        }
    }

    private static String phase(JsonNode v) {
        return switch (text(v, "phase")) {
            case "DOWN" -> "down / unreachable";
            case "IKE_NEGOTIATING" -> "IKE negotiating";
            case "IKE_UP" -> "IKE up, no IPsec SA";
            case "IPSEC_UP" -> "IPsec SA up";
            case "PASSING_TRAFFIC" -> "passing traffic both ways";
            default -> "unknown";
        };
    }

    private static String since(JsonNode v, String field) {
        JsonNode at = v.path(field);
        return at.isNull() || at.isMissingNode() ? "" : " since " + at.asText();
    }

    private static String text(JsonNode v, String field) {
        JsonNode n = v.path(field);
        return n.isNull() || n.isMissingNode() ? "?" : n.asText();
    }
}
