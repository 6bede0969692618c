package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.SyslogLineReader;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The JSON shapes {@code tunnelwatch parse} prints, one per outcome. */
class ParseCommandTest {

    private final SyslogLineReader reader = new SyslogLineReader(DeviceResolver.bySenderAddress(),
            Clock.fixed(Instant.parse("2026-11-26T10:00:02Z"), ZoneOffset.UTC));

    private JsonNode print(String line) throws Exception {
        return Json.mapper().readTree(ParseCommand.json(reader.read(line, "console", "parse"), line));
    }

    @Test
    void shouldPrintAnEventAsTheSameJsonAsOnTheEventsTopic() throws Exception {
        String line = "*Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP.  Peer 192.0.2.7:500";

        JsonNode printed = print(line);
        TunnelEvent back = Json.mapper().treeToValue(printed, TunnelEvent.class);

        assertThat(printed.get("kind").asText()).isEqualTo("SESSION_UP");
        assertThat(back.device()).isEqualTo("console");
        assertThat(back.peer()).isEqualTo("192.0.2.7");
        assertThat(back.routerTime()).isEqualTo("*Nov 26 10:00:01.123");
        assertThat(back.transport()).isEqualTo("parse");
        assertThat(back.fields()).containsEntry("peer_port", "500");
    }

    @Test
    void shouldPrintANonCryptoCiscoMessageAsIgnoredWithItsMnemonic() throws Exception {
        String line = "Nov 26 10:00:01.123 UTC: %SYS-5-CONFIG_I: Configured from console by vty0";

        JsonNode printed = print(line);

        assertThat(printed.get("kind").asText()).isEqualTo("ignored");
        assertThat(printed.get("reason").asText()).isEqualTo("not_crypto");
        assertThat(printed.get("mnemonic").asText()).isEqualTo("SYS-5-CONFIG_I");
        assertThat(printed.get("device").asText()).isEqualTo("console");
        assertThat(printed.get("line").asText()).isEqualTo(line);
    }

    @Test
    void shouldPrintALineThatIsNoCiscoMessageAsUnparsedWithTheReason() throws Exception {
        assertThat(print("just text")).hasToString(
                "{\"kind\":\"unparsed\",\"reason\":\"no_cisco_mnemonic\",\"line\":\"just text\"}");
        assertThat(print("")).hasToString("{\"kind\":\"unparsed\",\"reason\":\"empty\",\"line\":\"\"}");
    }
}
