package io.tunnelwatch.collector.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any line, as the collector decodes a datagram or a frame (UTF-8, malformed sequences replaced): the parser never
 * throws and says either what it parsed or why it did not (the reason is the counted {@code reason} label).
 */
class IosSyslogParserFuzzTest {

    private final IosSyslogParser parser = new IosSyslogParser();

    @FuzzTest(maxDuration = "20s")
    void parserGivesAMessageOrACountedReasonForAnyLine(byte[] bytes) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        SyslogParseResult result = parser.parse(line);
        assertThat(result).isNotNull();
        if (result instanceof SyslogParseResult.Parsed parsed) {
            SyslogMessage m = parsed.message();
            assertThat(m.facility()).isNotEmpty();
            assertThat(m.mnemonic()).isNotEmpty();
            assertThat(m.severity()).isBetween(0, 7);
            assertThat(line).contains(m.text());
        } else {
            assertThat(((SyslogParseResult.Unparsed) result).reason()).isNotNull();
        }
    }
}
