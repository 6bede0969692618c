package io.tunnelwatch.collector.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.tunnelwatch.collector.TsvFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven over {@code syslog/cisco/headers.tsv} (every header variant of
 * docs/cisco-sources.md#ios-syslog-header-formats, straight and
 * relayed) and {@code syslog/cisco/unparsed.tsv}; then the "never throws" contract on random and hostile input.
 */
class IosSyslogParserTest {

    private static final String HEADERS = "/syslog/cisco/headers.tsv";
    private static final String UNPARSED = "/syslog/cisco/unparsed.tsv";

    private final IosSyslogParser parser = new IosSyslogParser();

    /** One row of headers.tsv; toString names the case in the test report. */
    record HeaderCase(String name, String line, int pri, long counter, String originId, long sequence, char sync,
                      String routerTime, String relayHost, String facility, int severity, String mnemonic,
                      String textStart) {

        static HeaderCase of(String[] c) {
            return new HeaderCase(c[0], TsvFixture.unescape(c[1]), (int) TsvFixture.number(c[2]),
                    TsvFixture.number(c[3]), TsvFixture.text(c[4]), TsvFixture.number(c[5]),
                    TsvFixture.ABSENT.equals(c[6]) ? ' ' : c[6].charAt(0), TsvFixture.text(c[7]),
                    TsvFixture.text(c[8]), c[9], Integer.parseInt(c[10]), c[11], c[12]);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One row of unparsed.tsv. */
    record UnparsedCase(String name, String line, SyslogParseResult.Reason reason) {

        static UnparsedCase of(String[] c) {
            return new UnparsedCase(c[0], TsvFixture.unescape(c[1]), SyslogParseResult.Reason.valueOf(c[2]));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HeaderCase> headerCases() {
        return TsvFixture.rows(HEADERS, 13).stream().map(HeaderCase::of);
    }

    static Stream<UnparsedCase> unparsedCases() {
        return TsvFixture.rows(UNPARSED, 3).stream().map(UnparsedCase::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerCases")
    void shouldReadEveryHeaderFieldOfARealLine(HeaderCase c) {
        SyslogParseResult result = parser.parse(c.line());

        assertThat(result).isInstanceOf(SyslogParseResult.Parsed.class);
        SyslogMessage m = ((SyslogParseResult.Parsed) result).message();
        assertThat(m.pri()).as("pri").isEqualTo(c.pri());
        assertThat(m.counter()).as("counter").isEqualTo(c.counter());
        assertThat(m.originId()).as("originId").isEqualTo(c.originId());
        assertThat(m.sequence()).as("sequence").isEqualTo(c.sequence());
        assertThat(m.syncMark()).as("syncMark").isEqualTo(c.sync());
        assertThat(m.routerTime()).as("routerTime").isEqualTo(c.routerTime());
        assertThat(m.relayHost()).as("relayHost").isEqualTo(c.relayHost());
        assertThat(m.facility()).as("facility").isEqualTo(c.facility());
        assertThat(m.severity()).as("severity").isEqualTo(c.severity());
        assertThat(m.mnemonic()).as("mnemonic").isEqualTo(c.mnemonic());
        assertThat(m.text()).as("text").startsWith(c.textStart())
                .doesNotEndWith("\r").doesNotEndWith("\n").doesNotEndWith("\0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparsedCases")
    void shouldSayWhyALineIsNotACiscoMessage(UnparsedCase c) {
        assertThat(parser.parse(c.line())).isEqualTo(new SyslogParseResult.Unparsed(c.reason()));
    }

    @Test
    void shouldCoverEveryHeaderVariantOfCiscoFactsSectionTwo() {
        List<HeaderCase> cases = headerCases().toList();

        assertThat(cases).anyMatch(c -> c.counter() >= 0 && c.originId() == null && c.sequence() < 0)
                .anyMatch(c -> c.line().startsWith("<189>: "))
                .anyMatch(c -> c.originId() != null && c.sequence() >= 0)
                .anyMatch(c -> c.sync() == '*').anyMatch(c -> c.sync() == '.')
                .anyMatch(c -> c.routerTime() != null && c.routerTime().matches(".*\\d{4} .*\\.\\d{3} [A-Z]+"))
                .anyMatch(c -> c.routerTime() != null && c.routerTime().contains("+07:30"))
                .anyMatch(c -> "2y10w".equals(c.routerTime())).anyMatch(c -> "42w2d".equals(c.routerTime()))
                .anyMatch(c -> c.line().contains("KST:%"))
                .anyMatch(c -> c.routerTime() != null && c.routerTime().endsWith(" mdt"))
                .anyMatch(c -> c.line().contains("%IOSXE-6-PLATFORM") && !"IOSXE".equals(c.facility()))
                .anyMatch(c -> c.relayHost() != null && c.line().contains(c.routerTime() + ": " + c.relayHost()))
                .anyMatch(c -> c.relayHost() != null && c.pri() < 0)
                .anyMatch(c -> c.line().startsWith("<189>2024-10-11T"))
                .anyMatch(c -> c.line().startsWith("<13>1 ") && c.pri() == 189);
    }

    @Test
    void shouldNeverThrowOnRandomText() {
        Random random = new Random(20261126L);
        List<String> seeds = headerCases().map(HeaderCase::line).toList();
        String alphabet = "<>0123456789:%*.- _[]\"\\=ABCDEFGHIKLMNOPRSTUVWXYZ"
                + "abcdefghijklmnopqrstuvwxyz\r\n\0\t\u00e9\uFFFD";
        for (int i = 0; i < 20_000; i++) {
            String input = i % 2 == 0
                    ? randomText(random, alphabet, random.nextInt(200))
                    : mutate(random, seeds.get(random.nextInt(seeds.size())), alphabet);
            assertThatCode(() -> parser.parse(input)).as("input %s", input).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldNeverThrowOnRandomBytes() {
        Random random = new Random(514L);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            String utf8 = new String(bytes, StandardCharsets.UTF_8);
            String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThatCode(() -> parser.parse(utf8)).doesNotThrowAnyException();
            assertThatCode(() -> parser.parse(latin1)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldStayQuickAndNotOverflowTheStackOnHostileLongLines() {
        String sessionDown = "%CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7";
        List<String> hostile = List.of(
                "<13>1 2026-11-26T23:45:07Z vm root - - [x a=\"" + "a".repeat(60_000) + "\"] " + sessionDown,
                "<13>1 2026-11-26T23:45:07Z vm root - - [x a=\"" + "\\\"".repeat(30_000) + "\"] " + sessionDown,
                "<13>1 2026-11-26T23:45:07Z vm root - - " + "[x]".repeat(20_000) + " " + sessionDown,
                "%" + "A-".repeat(30_000) + "5-X: y",
                "%A-1-".repeat(15_000) + "B: y",
                "<189>::" + ":".repeat(60_000) + " " + sessionDown,
                "<189>" + "1: ".repeat(20_000) + sessionDown,
                "<189>12: " + " ".repeat(60_000) + sessionDown,
                "<189>" + "Jan  6 2022 ".repeat(5_000) + sessionDown,
                "%".repeat(60_000));
        for (String line : hostile) {
            assertTimeout(Duration.ofSeconds(2), () -> assertThatCode(() -> parser.parse(line))
                    .as("line starting %s", line.substring(0, 40)).doesNotThrowAnyException());
        }
    }

    @Test
    void shouldStillFindTheMessageBehindAnOversizedLoggerEnvelope() {
        String line = "<13>1 2026-11-26T23:45:07Z vm root - - [x a=\"" + "a".repeat(60_000) + "\"] "
                + "%CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7";

        SyslogParseResult result = parser.parse(line);

        assertThat(result).isInstanceOf(SyslogParseResult.Parsed.class);
        assertThat(((SyslogParseResult.Parsed) result).message().fullMnemonic())
                .isEqualTo("CRYPTO-5-SESSION_STATUS");
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000)
                    : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** A real line cut, spliced or sprinkled with noise: the inputs most likely to confuse the header patterns. */
    private static String mutate(Random random, String line, String alphabet) {
        StringBuilder sb = new StringBuilder(line);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.setLength(at);
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> sb.insert(at, line, 0, Math.min(line.length(), 1 + random.nextInt(40)));
            }
        }
        return sb.toString();
    }
}
