package io.tunnelwatch.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.catalog.CatalogMatch;
import io.tunnelwatch.collector.catalog.MessageCatalog;
import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.simulator.message.CryptoMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a simulated router sends is what tunnelwatch reads off a real one: every header style, field by field. */
class SimulatedLinesParseTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:01.123Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(HeaderStyle.class)
    void shouldSendHeadersTunnelwatchParsesIntoTheRightFields(HeaderStyle style) {
        SimulatedRouter router = new SimulatedRouter("rtr-07", "127.0.1.7", List.of("127.0.1.8"), style, clock,
                Duration.ofDays(800));
        router.line(CryptoMessages.configured());
        String line = router.line(CryptoMessages.sessionStatus(false, false, "127.0.1.8", 4500));

        SyslogParseResult result = new IosSyslogParser().parse(line);

        assertThat(result).as(line).isInstanceOf(SyslogParseResult.Parsed.class);
        SyslogMessage m = ((SyslogParseResult.Parsed) result).message();
        assertThat(m.pri()).isEqualTo(189);
        assertThat(m.fullMnemonic()).isEqualTo("CRYPTO-5-SESSION_STATUS");
        assertThat(m.counter()).isEqualTo(style == HeaderStyle.NO_COUNTER ? -1 : 2);
        assertThat(m.sequence()).isEqualTo(style.sendsSequenceNumbers() ? 2 : -1);
        assertThat(m.originId()).isEqualTo(style.sendsSequenceNumbers() ? "rtr-07" : null);
        assertThat(m.syncMark()).isEqualTo(style == HeaderStyle.UNSYNCED_MSEC ? '*' : ' ');
        assertThat(m.routerTime()).isEqualTo(switch (style) {
            case UNSYNCED_MSEC -> "Nov 26 10:00:01.123";
            case FULL -> "Nov 26 2026 10:00:01.123 UTC";
            case NO_COUNTER -> "Nov 26 2026 10:00:01.123";
            case UPTIME -> "2y10w";
            case ZONE_NO_SPACE -> "Nov 26 10:00:01 UTC";
        });

        CatalogMatch match = new MessageCatalog().match(m).orElseThrow();
        assertThat(match.kind()).isEqualTo(EventKind.SESSION_DOWN);
        assertThat(match.peer()).isEqualTo("127.0.1.8");
        assertThat(match.fields()).containsEntry("nat_t", "true");
    }
}
