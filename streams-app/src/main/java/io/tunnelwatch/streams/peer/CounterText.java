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
            try {
                into[i] = Long.parseLong(text, pos, end, 10);
            } catch (NumberFormatException e) {
                return false;
            }
            pos = end;
        }
        // Written back, the numbers must give the very text: no leading zero, no "-0".
        return pos == text.length() - 1 && text.charAt(pos) == ')' && of(into).equals(text);
    }

    /** Where a sign and digits starting at {@code pos} end. */
    private static int numberEnd(String text, int pos) {
        int end = pos < text.length() && text.charAt(pos) == '-' ? pos + 1 : pos;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end;
    }
}
