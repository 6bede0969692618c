package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.json.JsonValues;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A peer's timeline ({@link PeerState#milestones()}) as a section of its own inside the binary state (layouts 3 and
 * 4 of {@link PeerStateCodec}): a checksum, then the milestones with their own string table and time chain, so the
 * section is copied as it is while the timeline does not change ({@link EncodedTimeline}) and read only when someone
 * asks for it.
 *
 * <p>Evidence lines are mostly a time, a space and a message or counter text ({@link Evidence#line()},
 * {@link CounterDelta#line()}), and the texts of one timeline differ in a few characters (UP or DOWN, an SPI). A line
 * whose first word is a time as {@link Instant#toString()} writes it is written as that time, chained like the
 * others, and its text as the characters that differ from one of the last {@link #BASES} texts: the length of the
 * prefix and of the suffix it shares with that text, and what lies between; a poll's counter text as its numbers
 * (layout 4 writes these; a section of layout 3 has none, so either layout's section reads here). Sizes are in
 * docs/performance.md#layout-3-the-timeline-as-a-section-of-its-own.
 */
final class TimelineCodec {

    /** How many earlier texts a line's text may be written against. */
    static final int BASES = 4;
    /** The tag of a timed line whose text is a poll's counters ({@link CounterText}), since layout 4. */
    private static final int COUNTER_TAG = 2 + BASES;
    private static final int CHECKSUM_BYTES = 4;

    private final BinaryOutput out = new BinaryOutput();
    private final RecentTexts bases = new RecentTexts();
    private final long[] numbers = new long[CounterText.NUMBERS];

    /** The section of {@code milestones}, which is not empty: its checksum, then its content. */
    byte[] encode(List<Milestone> milestones) {
        Instant first = milestones.get(0).at();
        long baseSecond = first == null || Math.abs(first.getEpochSecond()) >= BinaryOutput.MAX_CHAINED_SECONDS
                ? 0 : first.getEpochSecond();
        out.reset(baseSecond);
        bases.clear();
        for (int i = 0; i < CHECKSUM_BYTES; i++) {
            out.writeByte(0);
        }
        out.writeSigned(baseSecond);
        out.writeUnsigned(milestones.size());
        for (Milestone m : milestones) {
            out.writeInstant(m.at());
            out.writeEnum(m.kind());
            out.writeString(m.name());
            out.writeString(m.detail());
            out.writeUnsigned(m.evidence().size());
            for (String line : m.evidence()) {
                writeLine(line);
            }
        }
        byte[] section = out.toByteArray();
        ByteBuffer.wrap(section).putInt(0, checksum(section));
        return section;
    }

    /**
     * Checks a section's checksum, so a corrupt one fails when its record is read, as any other part of the record
     * would, not later when the timeline is asked for.
     *
     * @throws IllegalArgumentException when the section is shorter than its checksum or does not match it
     */
    static void verify(byte[] section) {
        if (section.length <= CHECKSUM_BYTES) {
            throw new IllegalArgumentException("timeline section of " + section.length + " bytes");
        }
        if (ByteBuffer.wrap(section).getInt(0) != checksum(section)) {
            throw new IllegalArgumentException("timeline section fails its checksum");
        }
    }

    /**
     * The milestones of a section that {@link #verify} accepted.
     *
     * @throws IllegalArgumentException when the section is corrupt in a way its checksum did not catch
     */
    static List<Milestone> decode(byte[] section) {
        BinaryInput in = new BinaryInput(section, CHECKSUM_BYTES);
        in.layoutTwo(in.readSigned());
        int count = in.readCount();
        List<Milestone> milestones = new ArrayList<>(count);
        RecentTexts bases = new RecentTexts();
        for (int i = 0; i < count; i++) {
            Instant at = in.readInstant();
            Milestone.Kind kind = in.readEnum(Milestone.Kind.class);
            String name = in.readString();
            String detail = in.readString();
            int lineCount = in.readCount();
            List<String> lines = new ArrayList<>(lineCount);
            for (int l = 0; l < lineCount; l++) {
                lines.add(readLine(in, bases));
            }
            milestones.add(new Milestone(at, kind, name, detail, lines));
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("bytes left after the timeline at byte " + in.position());
        }
        return milestones;
    }

    /**
     * 0 and the line; else a timed line: 1, its time and its text; 2 + k, its time, and its text against the k-th
     * latest earlier text (prefix and suffix lengths, then the middle); or {@link #COUNTER_TAG}, its time and the
     * seven numbers of a counter text.
     */
    private void writeLine(String line) {
        int space = line.indexOf(' ');
        Instant at = space > 0 ? leadingTime(line, space) : null;
        if (at == null) {
            out.writeUnsigned(0);
            out.writeString(line);
            return;
        }
        String text = line.substring(space + 1);
        if (CounterText.parse(text, numbers)) {
            out.writeUnsigned(COUNTER_TAG);
            out.writeInstant(at);
            for (long n : numbers) {
                out.writeSigned(n);
            }
            bases.add(text);
            return;
        }
        int best = -1;
        int bestPrefix = 0;
        int bestSuffix = 0;
        for (int k = 0; k < bases.size(); k++) {
            String base = bases.get(k);
            int prefix = sharedPrefix(text, base);
            int suffix = sharedSuffix(text, base, prefix);
            if (prefix + suffix > bestPrefix + bestSuffix) {
                best = k;
                bestPrefix = prefix;
                bestSuffix = suffix;
            }
        }
        if (best < 0) {
            out.writeUnsigned(1);
            out.writeInstant(at);
            out.writeString(text);
        } else {
            out.writeUnsigned(2 + best);
            out.writeInstant(at);
            out.writeUnsigned(bestPrefix);
            out.writeUnsigned(bestSuffix);
            out.writeString(text.substring(bestPrefix, text.length() - bestSuffix));
        }
        bases.add(text);
    }

    /** A line as {@link #writeLine} wrote it. */
    private static String readLine(BinaryInput in, RecentTexts bases) {
        long tag = in.readUnsigned();
        if (tag == 0) {
            return require(in.readString());
        }
        Instant at = require(in.readInstant());
        String text;
        if (tag == 1) {
            text = require(in.readString());
        } else if (tag == COUNTER_TAG) {
            long[] numbers = new long[CounterText.NUMBERS];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = in.readSigned();
            }
            text = CounterText.of(numbers);
        } else if (tag - 2 < bases.size()) {
            String base = bases.get((int) (tag - 2));
            long prefix = in.readUnsigned();
            long suffix = in.readUnsigned();
            String middle = require(in.readString());
            if (prefix + suffix > base.length()) {
                throw new IllegalArgumentException("line shares " + prefix + "+" + suffix
                        + " characters with a text of " + base.length());
            }
            text = base.substring(0, (int) prefix) + middle + base.substring(base.length() - (int) suffix);
        } else {
            throw new IllegalArgumentException("line tag " + tag + " with " + bases.size() + " earlier texts");
        }
        bases.add(text);
        return at + " " + text;
    }

    /** The line's first word as a time, when writing that time back gives the very same characters. */
    private static Instant leadingTime(String line, int space) {
        if (space < 20 || line.charAt(space - 1) != 'Z' || line.charAt(10) != 'T') {
            return null;
        }
        Instant fast = JsonValues.parseIso(line, space);
        if (fast != null) {
            // Instant.toString writes a fraction of 0, 3, 6 or 9 digits, the fewest that hold the nanoseconds.
            int digits = space == 20 ? 0 : space - 21;
            return digits == canonicalFractionDigits(fast.getNano()) ? fast : null;
        }
        String word = line.substring(0, space);
        try {
            Instant at = Instant.parse(word);
            return at.toString().equals(word) ? at : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int canonicalFractionDigits(int nanos) {
        return nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    }

    /** Shared leading characters, never ending inside a surrogate pair. */
    private static int sharedPrefix(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int n = 0;
        while (n < max && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        if (n > 0 && Character.isHighSurrogate(a.charAt(n - 1))) {
            n--;
        }
        return n;
    }

    /** Shared trailing characters beyond the shared prefix, never starting inside a surrogate pair. */
    private static int sharedSuffix(String a, String b, int prefix) {
        int max = Math.min(a.length(), b.length()) - prefix;
        int n = 0;
        while (n < max && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        if (n > 0 && Character.isLowSurrogate(a.charAt(a.length() - n))) {
            n--;
        }
        return n;
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalArgumentException("a timeline line is missing");
        }
        return value;
    }

    private static int checksum(byte[] section) {
        CRC32C crc = new CRC32C();
        crc.update(section, CHECKSUM_BYTES, section.length - CHECKSUM_BYTES);
        return (int) crc.getValue();
    }

    /** The last {@link #BASES} texts of timed lines, the latest first: what a line's text is written against. */
    private static final class RecentTexts {
        private final String[] texts = new String[BASES];
        private int size;

        int size() {
            return size;
        }

        String get(int k) {
            return texts[k];
        }

        void add(String text) {
            int kept = Math.min(size, BASES - 1);
            System.arraycopy(texts, 0, texts, 1, kept);
            texts[0] = text;
            size = kept + 1;
        }

        void clear() {
            Arrays.fill(texts, null);
            size = 0;
        }
    }
}
