package io.tunnelwatch.collector.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link IosSyslogParser}: it never throws, on arbitrary text or on real lines cut and spliced; and a
 * line assembled from generated header parts (docs/cisco-sources.md#ios-syslog-header-formats) parses back into exactly
 * those parts. Tries are
 * bounded so the suite stays fast; speed itself is measured by the JMH benchmark, not asserted here.
 */
class IosSyslogParserPropertyTest {

    private static final List<String> REAL_LINES = IosSyslogParserTest.headerCases()
            .map(IosSyslogParserTest.HeaderCase::line).toList();

    /** Characters the header scanners branch on, so random text reaches their corners. */
    private static final String HEADER_CHARS = "<>0123456789:%*.-_ []\"\\=+TZywdhmACEIKMPSUXabcdefkst\t\r\n\0";

    private final IosSyslogParser parser = new IosSyslogParser();

    @Property(tries = 2000)
    void shouldNeverThrowOnArbitraryText(@ForAll("noisyText") String line) {
        assertThatCode(() -> parser.parse(line)).doesNotThrowAnyException();
    }

    @Property(tries = 2000)
    void shouldNeverThrowOnMutatedRealLines(@ForAll("realLineIndex") int index,
                                            @ForAll("edits") List<Edit> edits) {
        StringBuilder line = new StringBuilder(REAL_LINES.get(index));
        for (Edit edit : edits) {
            edit.apply(line);
        }
        String mutated = line.toString();

        assertThatCode(() -> parser.parse(mutated)).as(mutated).doesNotThrowAnyException();
    }

    @Property(tries = 1000)
    void shouldReadBackTheHeaderPartsALineWasBuiltFrom(@ForAll("headers") Header h,
                                                       @ForAll("mnemonics") String mnemonic,
                                                       @ForAll @IntRange(max = 7) int severity) {
        String line = h.render() + "%" + h.facility() + "-" + severity + "-" + mnemonic + ": Crypto tunnel is UP.";

        SyslogParseResult result = parser.parse(line);

        assertThat(result).as(line).isInstanceOf(SyslogParseResult.Parsed.class);
        SyslogMessage m = ((SyslogParseResult.Parsed) result).message();
        assertThat(m).as(line).isEqualTo(new SyslogMessage(h.pri(), h.counter(), h.originId(), h.sequence(),
                h.sync(), h.routerTime(), null, h.facility(), severity, mnemonic, "Crypto tunnel is UP."));
    }

    @Provide
    Arbitrary<String> noisyText() {
        Arbitrary<String> header = Arbitraries.strings().withChars(HEADER_CHARS).ofMaxLength(120);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(120);
        return Arbitraries.oneOf(header, any, Combinators.combine(header, any).as((a, b) -> a + "%CRYPTO-5-X: " + b));
    }

    @Provide
    Arbitrary<Integer> realLineIndex() {
        return Arbitraries.integers().between(0, REAL_LINES.size() - 1);
    }

    /** One edit of a line: cut it, delete or insert a char, or insert a piece of the line's own characters. */
    record Edit(int kind, int at, char c, int length) {

        void apply(StringBuilder line) {
            if (line.isEmpty()) {
                return;
            }
            int i = at % line.length();
            switch (kind) {
                case 0 -> line.setLength(i);
                case 1 -> line.deleteCharAt(i);
                case 2 -> line.insert(i, c);
                default -> line.insert(i, line.substring(i, Math.min(line.length(), i + length)));
            }
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000), Arbitraries.chars().with(HEADER_CHARS.toCharArray()),
                Arbitraries.integers().between(1, 40)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(5);
    }

    /** The parts of a Cisco header, each optional as on the wire; absent = -1, null or ' '. */
    record Header(int pri, long counter, boolean counterColon, String originId, long sequence, char sync,
                  String routerTime, String facility) {

        String render() {
            StringBuilder sb = new StringBuilder();
            if (pri >= 0) {
                sb.append('<').append(pri).append('>');
            }
            if (counter >= 0) {
                sb.append(counter).append(": ");
            } else if (counterColon) {
                sb.append(": ");
            }
            if (originId != null) {
                sb.append(originId).append(": ");
            }
            if (sequence >= 0) {
                sb.append(sequence).append(": ");
            }
            if (sync != ' ') {
                sb.append(sync);
            }
            if (routerTime != null) {
                sb.append(routerTime).append(": ");
            }
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<Header> headers() {
        Arbitrary<Integer> pri = Arbitraries.integers().between(0, 191).injectNull(0.2).map(p -> p == null ? -1 : p);
        Arbitrary<Long> number = Arbitraries.longs().between(0, 99_999_999L).injectNull(0.4)
                .map(n -> n == null ? -1L : n);
        Arbitrary<String> origin = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(3)
                        .map(s -> "rtr-" + s + "01"),
                Arbitraries.integers().between(1, 254).map(n -> "192.0.2." + n),
                Arbitraries.of("2001:db8::1", "2a02:cf40::")).injectNull(0.4);
        Arbitrary<Character> sync = Arbitraries.of(' ', '*', '.');
        return Combinators.combine(pri, number, Arbitraries.of(true, false), origin, number, sync, routerTimes(),
                facilities()).as(Header::new).filter(IosSyslogParserPropertyTest::unambiguous);
    }

    /**
     * Drops the headers no reader could take apart: a sync mark with no stamp, a sequence number with nothing in
     * front of it (it reads as the counter), an IPv6 origin-id right after the PRI (its first group reads as the
     * counter).
     */
    private static boolean unambiguous(Header h) {
        boolean counterSlot = h.counter() >= 0 || h.counterColon();
        return (h.routerTime() != null || h.sync() == ' ')
                && (h.sequence() < 0 || counterSlot || h.originId() != null)
                && (h.originId() == null || !h.originId().contains(":") || counterSlot);
    }

    private static Arbitrary<String> routerTimes() {
        Arbitrary<String> month = Arbitraries.of("Jan", "Feb", "Mar", "Jul", "Nov", "Dec");
        Arbitrary<Integer> day = Arbitraries.integers().between(1, 31);
        Arbitrary<String> year = Arbitraries.of("", " 2023", " 2026");
        Arbitrary<String> clock = Combinators.combine(Arbitraries.integers().between(0, 23),
                Arbitraries.integers().between(0, 59), Arbitraries.of("", ".1", ".123", ".123456"))
                .as((h, m, f) -> String.format("%02d:%02d:%02d%s", h, m, m, f));
        Arbitrary<String> zone = Arbitraries.of("", " UTC", "KST", " mdt", " UTC+07:30", " CET-1");
        Arbitrary<String> dateTime = Combinators.combine(month, day, year, clock, zone)
                .as((mo, d, y, c, z) -> mo + (d < 10 ? "  " : " ") + d + y + " " + c + z);
        Arbitrary<String> uptime = Arbitraries.of("2y10w", "42w2d", "1d02h", "00:00:46", "12:34:56.789");
        return Arbitraries.oneOf(dateTime, uptime).injectNull(0.2);
    }

    private static Arbitrary<String> facilities() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('A', 'Z').withChars('_', '0', '9')
                .ofMinLength(1).ofMaxLength(8).filter(w -> Character.isUpperCase(w.charAt(0)));
        Arbitrary<String> sub = Arbitraries.strings().withCharRange('A', 'Z').withChars('_', '1')
                .ofMinLength(1).ofMaxLength(4).filter(w -> !w.matches("[0-7]"));
        return Combinators.combine(word, sub.list().ofMaxSize(2))
                .as((w, subs) -> subs.isEmpty() ? w : w + "-" + String.join("-", subs))
                .filter(f -> !f.equals("IOSXE"));
    }

    @Provide
    Arbitrary<String> mnemonics() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('_', '2').ofMinLength(1).ofMaxLength(20)
                .filter(w -> Character.isUpperCase(w.charAt(0)) && !w.equals("PLATFORM"));
    }
}
