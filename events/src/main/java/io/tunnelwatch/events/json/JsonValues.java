package io.tunnelwatch.events.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reading the values of our hand-written serdes from Jackson's streaming parser, each after the parser moved to the
 * value's token {@code t}: null stays null, as data binding reads it.
 */
public final class JsonValues {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    private JsonValues() {
    }

    public static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : Enum.valueOf(type, p.getText());
    }

    public static Boolean bool(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getBooleanValue();
    }

    /**
     * An ISO-8601 instant as {@link Instant#toString()} writes it ({@code 2026-11-27T10:00:00.123Z}), read without a
     * formatter; any other form (a far year, a leap second, an offset) goes through {@link Instant#parse}, so the
     * result and the errors are those of {@code Instant.parse}.
     */
    public static Instant instant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            Instant fast = parseIso(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (fast != null) {
                return fast;
            }
        }
        return Instant.parse(p.getText());
    }

    /** As {@link #parseIso(char[], int, int)}, for the first {@code len} characters of {@code s}. */
    public static Instant parseIso(String s, int len) {
        if (len < 20 || len > 30 || len > s.length()) {
            return null;
        }
        char[] c = new char[len];
        s.getChars(0, len, c, 0);
        return parseIso(c, 0, len);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null when the text is not exactly of that form. */
    static Instant parseIso(char[] c, int off, int len) {
        if (len < 20 || len == 21 || len > 30 || c[off + len - 1] != 'Z' || c[off + 4] != '-' || c[off + 7] != '-'
                || c[off + 10] != 'T' || c[off + 13] != ':' || c[off + 16] != ':') {
            return null;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            if (c[off + 19] != '.') {
                return null;
            }
            int fractionDigits = len - 21;
            int fraction = digits(c, off + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POW10[9 - fractionDigits];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The value of {@code n} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(char[] c, int from, int n) {
        int value = 0;
        for (int i = from; i < from + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
