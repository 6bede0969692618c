package io.tunnelwatch.streams.metrics;

import io.tunnelwatch.streams.alert.OpenAlert;
import io.tunnelwatch.streams.alert.PeerAlerting;
import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.peer.PeerState;
import java.util.List;

/**
 * What a notification for an open alert must tell on-call without opening anything: the alert's summary, its cause
 * in one sentence and the first commands to type, each complete. A command that still holds a placeholder (a value
 * no inventory or message gave, such as the source interface) cannot be pasted into a router, so it is left out
 * here; {@code tunnelwatch explain} and {@code /peers} show every command. Prometheus rules read it from the
 * {@code tunnelwatch_peer_alert_diagnosis} labels (docs/alerting.md).
 */
record AlertPage(String summary, String cause, String commands) {

    /** How many commands a page carries: the first steps, not the whole runbook. */
    static final int MAX_COMMANDS = 4;
    /** Label values stay short enough for a pager; a longer cause is cut at a word. */
    static final int MAX_CAUSE = 300;

    static AlertPage of(PeerState state, OpenAlert alert) {
        List<String> complete = RunbookTexts.commands(alert.type(), PeerAlerting.placeholders(state)).stream()
                .filter(c -> !c.startsWith("!") && !hasPlaceholder(c)).limit(MAX_COMMANDS).toList();
        return new AlertPage(RunbookTexts.summary(alert.type()), shorten(alert.cause()), String.join("\n", complete));
    }

    static boolean hasPlaceholder(String command) {
        return command.matches(".*<[a-z][a-z-]*>.*");
    }

    private static String shorten(String cause) {
        if (cause == null) {
            return "";
        }
        String oneLine = cause.replaceAll("\\s+", " ").trim();
        if (oneLine.length() <= MAX_CAUSE) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', MAX_CAUSE - 1);
        return oneLine.substring(0, cut > 0 ? cut : MAX_CAUSE - 1) + "…";
    }
}
