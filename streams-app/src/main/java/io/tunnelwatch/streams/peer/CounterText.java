package io.tunnelwatch.streams.peer;

/**
 * The text of a poll's counter line, after its time ({@link CounterDelta#line()}): written here once, so that the
 * timeline can keep such a text as its seven numbers ({@link TimelineCodec}) and give back the very same characters.
 */
final class CounterText {

    /** The numbers of a counter text: encaps, decaps, replay, auth, decrypt, drops, SAs. */
    static final int NUMBERS = 7;
    private static final String[] LABELS = {"encaps +", " decaps +", " replay +", " auth +", " decrypt +", " drops +",
        " (SAs "};

    private CounterText() {
    }

    static String of(long encaps, long decaps, long replay, long auth, long decrypt, long drops, long saCount) {
        return LABELS[0] + encaps + LABELS[1] + decaps + LABELS[2] + replay + LABELS[3] + auth + LABELS[4] + decrypt
                + LABELS[5] + drops + LABELS[6] + saCount + ")";
    }

    static String of(long[] numbers) {
        return of(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6]);
    }

    /**
     * Reads the numbers of {@code text} into {@code into} when it is exactly what {@link #of} writes for them;
     * false for any other text (a number with a leading zero or out of range, a missing or extra character).
     */
    static boolean parse(String text, long[] into) {
        int pos = 0;
        for (int i = 0; i < NUMBERS; i++) {
            if (!text.startsWith(LABELS[i], pos)) {
                return false;
            }
            pos += LABELS[i].length();
            int end = numberEnd(text, pos);
            if (end < 0) {
                return false;
            }
            try {
                into[i] = Long.parseLong(text, pos, end, 10);
            } catch (NumberFormatException e) {
                return false;
            }
            pos = end;
        }
        return pos == text.length() - 1 && text.charAt(pos) == ')';
    }

    /** Where a number written as {@link Long#toString} starting at {@code pos} ends, or -1 when there is none. */
    private static int numberEnd(String text, int pos) {
        int start = pos < text.length() && text.charAt(pos) == '-' ? pos + 1 : pos;
        int end = start;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        if (end == start || end - start > 1 && text.charAt(start) == '0' || start > pos && text.charAt(start) == '0') {
            return -1;
        }
        return end;
    }
}
