package io.tunnelwatch.collector.config;

import java.util.Locale;

/** A size as written in an option: bytes, or a number with a binary unit ({@code 512MiB}, {@code 1GiB}). */
public final class ByteSize {

    private ByteSize() {
    }

    /**
     * The number of bytes {@code text} stands for: digits, then optionally {@code k}/{@code KiB}, {@code M}/{@code MiB}
     * or {@code G}/{@code GiB} (powers of 1024; {@code KB}, {@code MB}, {@code GB} read the same).
     *
     * @throws IllegalArgumentException naming the text, when it is not a size
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        int digits = 0;
        while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 15) {
            throw notASize(text);
        }
        long number = Long.parseLong(t.substring(0, digits));
        int shift = switch (t.substring(digits).trim().toLowerCase(Locale.ROOT)) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            case "t", "tb", "tib" -> 40;
            default -> throw notASize(text);
        };
        if (number > Long.MAX_VALUE >> shift) {
            throw notASize(text);
        }
        return number << shift;
    }

    private static IllegalArgumentException notASize(String text) {
        return new IllegalArgumentException("'" + text + "' is not a size (bytes, or a number with KiB, MiB or GiB)");
    }
}
