package io.tunnelwatch.streams.metrics;

import io.tunnelwatch.streams.alert.PeerAlerting;
import io.tunnelwatch.streams.alert.Placeholders;
import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a notification for an open alert must tell on-call without opening anything: the alert's summary, its cause
 * in one sentence and the first commands to type, each complete. A command that still holds a placeholder (a value
 * no inventory or message gave, such as the source interface) cannot be pasted into a router, so it is left out
 * here, except a ping whose only missing value is its source interface: without {@code source} it still runs (from
 * the interface the route to the peer leaves by, which is the underlay being tested); {@code tunnelwatch explain}
 * and {@code /peers} show every command as the runbook writes it. Times in the cause read {@code 16:12:13 UTC}, not
 * nanosecond ISO text. Prometheus rules read it from the
 * {@code tunnelwatch_peer_alert_diagnosis} labels (docs/alerting.md).
 */
record AlertPage(String summary, String cause, String commands) {

    /** How many commands a page carries: the first steps, not the whole runbook. */
    static final int MAX_COMMANDS = 4;
    /** Label values stay short enough for a pager; a longer cause is cut at a word. */
    static final int MAX_CAUSE = 300;
    private static final Pattern ISO_INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T(\\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)?Z");

    static AlertPage of(PeerState state, OpenAlert alert) {
        return of(alert, PeerAlerting.placeholders(state));
    }

    /** The page from what it depends on alone: the alert's type and cause, and the peer's placeholder values. */
    static AlertPage of(OpenAlert alert, Placeholders values) {
        List<String> filled = RunbookTexts.commands(alert.type(), values);
        return new AlertPage(RunbookTexts.summary(alert.type()), shorten(readableTimes(alert.cause())),
                String.join("\n", pageCommands(filled)));
    }

    /** The first commands that can be pasted as they are: no comment, no placeholder left. */
    static List<String> pageCommands(List<String> filled) {
        return filled.stream().filter(c -> !c.startsWith("!"))
                .filter(c -> !hasPlaceholder(c)).distinct().limit(MAX_COMMANDS).toList();
    }

    /** {@code 2026-12-04T16:12:13.496247505Z} becomes {@code 16:12:13 UTC}: a page is read the day it is sent. */
    static String readableTimes(String cause) {
        return cause == null ? null
                : ISO_INSTANT.matcher(cause).replaceAll("$1 UTC");
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
