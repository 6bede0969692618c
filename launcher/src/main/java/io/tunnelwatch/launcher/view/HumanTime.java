package io.tunnelwatch.launcher.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as a person on call reads them: {@code 11:42:48 UTC (3 min ago)}, the date before the time when it is not
 * today (UTC), seconds cut, rather than the nanosecond ISO-8601 text the state and the JSON answers carry. One
 * instance per page, so every time on it is told against the same now.
 */
public final class HumanTime {

    /** An ISO-8601 instant as {@link Instant#toString()} writes it, inside any text. */
    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Instant now;
    private final LocalDate today;

    public HumanTime(Instant now) {
        this.now = now;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    public static HumanTime now(Clock clock) {
        return new HumanTime(clock.instant());
    }

    /** The now every time is told against. */
    public Instant now() {
        return now;
    }

    /**
     * {@code 11:42:48 UTC (3 min ago)}, or {@code 2026-12-03 11:42:48 UTC (1 day ago)} when not today; {@code ?} for
     * none.
     */
    public String when(Instant t) {
        return t == null ? "?" : at(t) + " (" + ago(t) + ")";
    }

    /** {@code 11:42:48 UTC}, or {@code 2026-12-03 11:42:48 UTC} when not today. */
    public String at(Instant t) {
        return clock(t) + " UTC";
    }

    /** {@code between 11:40:02 and 11:42:48 UTC}: the span of a repeated line, no "ago". */
    public String between(Instant first, Instant last) {
        return "between " + clock(first) + " and " + clock(last) + " UTC";
    }

    /** How long before now: {@code just now}, {@code 3 min ago}, {@code 2 h 5 min ago}, {@code 3 days ago}. */
    public String ago(Instant t) {
        Duration d = Duration.between(t.truncatedTo(ChronoUnit.SECONDS), now);
        if (d.isNegative()) {
            Duration ahead = d.negated();
            return ahead.compareTo(Duration.ofMinutes(1)) < 0 ? "just now" : "in " + span(ahead);
        }
        return d.compareTo(Duration.ofMinutes(1)) < 0 ? "just now" : span(d) + " ago";
    }

    /** {@code text} with every ISO-8601 instant in it told as {@link #when}. */
    public String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(parse(m.group()) == null ? m.group()
                    : when(parse(m.group()))));
        }
        return m.appendTail(out).toString();
    }

    /** The instant at the very start of {@code line} (how evidence lines begin), or null. */
    static Instant leading(String line) {
        Matcher m = INSTANT.matcher(line);
        return m.lookingAt() ? parse(m.group()) : null;
    }

    /** The length of the instant {@link #leading} found. */
    static int leadingLength(String line) {
        Matcher m = INSTANT.matcher(line);
        return m.lookingAt() ? m.end() : 0;
    }

    private String clock(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).equals(today) ? TIME.format(t) : DATE_TIME.format(t);
    }

    private static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = d.toHours();
        if (hours < 48) {
            long rest = minutes - hours * 60;
            return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        long days = d.toDays();
        return days + (days == 1 ? " day" : " days");
    }

    private static Instant parse(String iso) {
        try {
            return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
