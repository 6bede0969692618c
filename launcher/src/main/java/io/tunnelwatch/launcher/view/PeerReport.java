package io.tunnelwatch.launcher.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an engineer on call reads about one tunnel, from the JSON of {@code GET /peers/{device}/{peer}}: what is wrong,
 * at which layer, why (the evidence), what to run next, and what happened lately. {@code tunnelwatch explain} prints
 * it as text, the peer page as HTML; both tell times by {@link HumanTime} and fold repeats by {@link RepeatedLines}.
 *
 * @param title    e.g. {@code Tunnel rtr-1 -> 198.51.100.7: down / unreachable since 11:42:48 UTC (3 min ago)}
 * @param status   the IKE and IPsec SA states, the tunnel interface
 * @param silent   that the router itself is silent, or null
 * @param alert    the open alert, or null
 * @param evidence the last events, oldest first, repeats folded
 * @param counters the last polls' deltas, oldest first
 * @param timeline the last phase changes and alerts, newest first
 */
public record PeerReport(String device, String peer, String title, List<String> status, String silent, Alert alert,
                         List<String> evidence, List<String> counters, List<Step> timeline) {

    /** The most recent events shown. */
    static final int EVENTS_SHOWN = 8;

    /**
     * @param headline e.g. {@code PeerUnreachable (critical): the peer does not answer IKE}
     * @param related  higher-layer findings, evidence only
     * @param commands the runbook's next commands, filled in
     */
    public record Alert(String headline, String severity, String layer, String why, String openSince,
                        List<String> related, List<String> commands) {
    }

    /**
     * One timeline entry.
     *
     * @param when     when it happened
     * @param what     e.g. {@code PeerUnreachable opened} or {@code phase: IPsec SA up}
     * @param detail   the cause, the resolution or the phase left; may be empty
     * @param kind     {@code PHASE}, {@code OPENED} or {@code RESOLVED}
     * @param evidence the lines that showed it
     */
    public record Step(String when, String what, String detail, String kind, List<String> evidence) {
    }

    public static PeerReport of(JsonNode v, HumanTime time) {
        List<String> status = new ArrayList<>();
        status.add("IKE " + text(v, "ikeState") + " (" + text(v, "ikeVersion") + ")" + since(v, "ikeSince", time)
                + ", IPsec SA " + text(v, "ipsecState") + since(v, "ipsecSince", time)
                + (v.path("natT").asBoolean() ? ", NAT-T in use" : ""));
        if (present(v, "tunnelInterface")) {
            status.add(text(v, "tunnelInterface") + " is " + (v.path("tunnelUp").asBoolean() ? "up" : "down"));
        }
        String silent = present(v, "deviceSilentSince")
                ? "The router itself is silent since " + time.when(instant(v, "deviceSilentSince"))
                + " (DeviceSilent): nothing below can be trusted, its alerts are held." : null;
        List<String> events = strings(v.path("recentEvents"));
        return new PeerReport(text(v, "device"), text(v, "peer"),
                "Tunnel " + text(v, "device") + " -> " + text(v, "peer") + ": " + phase(text(v, "phase"))
                        + since(v, "phaseSince", time),
                status, silent, alert(v.path("alert"), time),
                RepeatedLines.show(events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size()), time),
                RepeatedLines.show(strings(v.path("recentCounters")), time), timeline(v.path("timeline"), time));
    }

    private static Alert alert(JsonNode a, HumanTime time) {
        if (a.isMissingNode() || a.isNull()) {
            return null;
        }
        String clearing = present(a, "clearingSince")
                ? " (clearing since " + time.when(instant(a, "clearingSince")) + ")" : "";
        return new Alert(text(a, "alert") + " (" + text(a, "severity") + "): " + text(a, "summary"),
                text(a, "severity"), text(a, "layer"), time.text(text(a, "cause")),
                (present(a, "openedAt") ? time.when(instant(a, "openedAt")) : "?") + clearing,
                strings(a.path("related")), strings(a.path("commands")));
    }

    private static List<Step> timeline(JsonNode entries, HumanTime time) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode e : entries) {
            String kind = text(e, "kind");
            String name = text(e, "name");
            String what;
            String detail;
            switch (kind) {
                case "PHASE" -> {
                    what = "phase: " + phase(name);
                    detail = present(e, "detail") ? "was " + phase(text(e, "detail")) : "";
                }
                case "OPENED" -> {
                    what = name + " opened";
                    detail = present(e, "detail") ? time.text(text(e, "detail")) : "";
                }
                case "RESOLVED" -> {
                    what = name + " resolved";
                    detail = present(e, "detail") ? time.text(text(e, "detail")) : "";
                }
                default -> {
                    what = kind + " " + name;
                    detail = "";
                }
            }
            steps.add(0, new Step(present(e, "at") ? time.when(instant(e, "at")) : "?", what, detail, kind,
                    RepeatedLines.show(strings(e.path("evidence")), time)));
        }
        return steps;
    }

    /** The phase as a person says it. */
    static String phase(String code) {
        return switch (code) {
            case "DOWN" -> "down / unreachable";
            case "IKE_NEGOTIATING" -> "IKE negotiating";
            case "IKE_UP" -> "IKE up, no IPsec SA";
            case "IPSEC_UP" -> "IPsec SA up";
            case "PASSING_TRAFFIC" -> "passing traffic both ways";
            default -> "unknown";
        };
    }

    private static String since(JsonNode v, String field, HumanTime time) {
        return present(v, field) ? " since " + time.when(instant(v, field)) : "";
    }

    private static boolean present(JsonNode v, String field) {
        JsonNode n = v.path(field);
        return !n.isNull() && !n.isMissingNode();
    }

    /** The time in {@code field}, or null when it is none ({@link HumanTime#when} says {@code ?}). */
    private static Instant instant(JsonNode v, String field) {
        try {
            return Instant.parse(v.path(field).asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static String text(JsonNode v, String field) {
        return present(v, field) ? v.path(field).asText() : "?";
    }
}
