package io.tunnelwatch.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.tunnelwatch.collector.TsvFixture;
import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven over {@code syslog/cisco/crypto-messages.tsv} (docs/cisco-sources.md#ike-and-ipsec-syslog-messages) and
 * {@code syslog/cisco/debug-messages.tsv} (docs/cisco-sources.md#debug-crypto-lines): what the catalog reads from each
 * Cisco message. Then the coverage
 * the fixtures must keep: every row of the table, every event kind a syslog message can produce.
 */
class MessageCatalogTest {

    private static final List<String> FIXTURES =
            List.of("/syslog/cisco/crypto-messages.tsv", "/syslog/cisco/debug-messages.tsv",
                    "/syslog/cisco/routing-messages.tsv", "/syslog/cisco/crypto-sourced.tsv");

    /** Splits {@code %FAC-SEV-MNEM: text} without the production parser, so such rows only exercise the catalog. */
    private static final Pattern CISCO_MESSAGE = Pattern.compile("%([A-Za-z0-9_-]+)-([0-7])-([A-Z0-9_]+): (.*)",
            Pattern.DOTALL);

    /**
     * Kinds only SNMP notifications and probes produce (docs/cisco-sources.md#cisco-ipsec-flow-monitor-mib); every
     * other kind must have a row.
     */
    private static final Set<EventKind> NOT_FROM_SYSLOG = EnumSet.of(EventKind.IKE_FAILURE, EventKind.IPSEC_SA_UP,
            EventKind.IPSEC_SA_DOWN, EventKind.IPSEC_FAILURE, EventKind.UNDERLAY_PROBE_FAILED,
            EventKind.UNDERLAY_PROBE_OK);

    private static final IosSyslogParser PARSER = new IosSyslogParser();

    private final MessageCatalog catalog = new MessageCatalog();

    /** One fixture row; kind null when the catalog must yield nothing. */
    record CatalogCase(String name, String message, EventKind kind, Layer layer, IkeVersion ikeVersion, String peer,
                       Map<String, String> fields) {

        static CatalogCase of(String[] c) {
            String kind = TsvFixture.text(c[2]);
            String layer = TsvFixture.text(c[3]);
            String version = TsvFixture.text(c[4]);
            return new CatalogCase(c[0], TsvFixture.unescape(c[1]), kind == null ? null : EventKind.valueOf(kind),
                    layer == null ? null : Layer.valueOf(layer),
                    version == null ? null : IkeVersion.valueOf(version), TsvFixture.text(c[5]),
                    TsvFixture.pairs(c[6]));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CatalogCase> cases() {
        return FIXTURES.stream().flatMap(f -> TsvFixture.rows(f, 7).stream()).map(CatalogCase::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldReadKindLayerPeerAndFieldsFromACiscoMessage(CatalogCase c) {
        Optional<CatalogMatch> match = catalog.match(message(c.message()));

        if (c.kind() == null) {
            assertThat(match).isEmpty();
            return;
        }
        assertThat(match).isPresent();
        CatalogMatch m = match.get();
        assertThat(m.kind()).as("kind").isEqualTo(c.kind());
        assertThat(m.layer()).as("layer").isEqualTo(c.layer());
        assertThat(m.ikeVersion()).as("ikeVersion").isEqualTo(c.ikeVersion());
        assertThat(m.peer()).as("peer").isEqualTo(c.peer());
        assertThat(m.fields()).as("fields").containsExactlyInAnyOrderEntriesOf(c.fields());
    }

    @Test
    void shouldHaveAFixtureRowReadByEveryCatalogRow() {
        Set<CatalogEntry> read = cases().map(c -> catalog.rowFor(message(c.message()))).filter(Objects::nonNull)
                .collect(Collectors.toSet());

        assertThat(CiscoMessages.ROWS).allSatisfy(row -> assertThat(read).as("a fixture row for %s", row)
                .contains(row));
    }

    @Test
    void shouldHaveAFixtureRowForEveryKindASyslogMessageCanProduce() {
        Set<EventKind> produced = cases().map(CatalogCase::kind).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventKind.class)));

        assertThat(produced).containsAll(EnumSet.complementOf(EnumSet.copyOf(NOT_FROM_SYSLOG)));
    }

    @Test
    void shouldCoverLayersOtherThanTheKindDefaultAndBothNatTValues() {
        List<CatalogCase> cases = cases().filter(c -> c.kind() != null).toList();

        assertThat(cases).anyMatch(c -> c.layer() != c.kind().defaultLayer())
                .anyMatch(c -> "true".equals(c.fields().get("nat_t")))
                .anyMatch(c -> "false".equals(c.fields().get("nat_t")))
                .anyMatch(c -> c.message().contains("%IOSXE-3-PLATFORM") && c.kind() == EventKind.REPLAY_ERROR)
                .anyMatch(c -> c.message().contains("%IOSXE-3-PLATFORM") && c.kind() == EventKind.AUTH_ERROR);
    }

    @Test
    void shouldKeyBracketedAndBareSpellingsOfOneIpv6PeerAlike() {
        String bracketed = "%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.  Peer [2001:0DB8::0007]:500";
        String bare = "%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is DOWN.  Peer 2001:db8:0::7";

        assertThat(catalog.match(message(bracketed)).map(CatalogMatch::peer)).contains("2001:db8::7");
        assertThat(catalog.match(message(bare)).map(CatalogMatch::peer)).contains("2001:db8::7");
    }

    @Test
    void shouldReadOnlyTheFacilityARowNamesWhenMnemonicsCollide() {
        // LINEPROTO-5-UPDOWN and LINK-3-UPDOWN share the mnemonic; each text only fits its own row.
        SyslogMessage linkTextUnderLineproto = message("%LINEPROTO-5-UPDOWN: Interface Tunnel0, changed state to down");

        assertThat(catalog.match(linkTextUnderLineproto)).isEmpty();
    }

    @Test
    void shouldStayLinearOnHostileTextForEveryRow() {
        String run = " ".repeat(30_000);
        List<String> hostile = List.of(
                "IPSEC SETUP FAILED for local:1.2.3.4 remote:4.5.6.7 fail_reason:a" + run + "b",
                "Negotiation aborted due to ERROR: a" + run + "b",
                "Remote peer 10.0.0.2 responded with attribute a" + run + "b",
                "src_addr" + run + "x DP Handle" + run + "SPI" + run,
                "Peer ".repeat(6_000) + "10.0.0.2:" + "9".repeat(10_000),
                "received packet from 10.0.0.2" + run + "(I)",
                "1.2.3.4 ".repeat(4_000) + "remote" + run);
        for (CatalogEntry row : CiscoMessages.ROWS) {
            for (String text : hostile) {
                SyslogMessage m = new SyslogMessage(189, -1, null, -1, ' ', null, null,
                        row.facilities().iterator().next(), 5, row.mnemonics().iterator().next(), text);
                assertTimeout(Duration.ofSeconds(2), () -> catalog.match(m),
                        () -> row + " on " + text.substring(0, 30));
            }
        }
    }

    /** A {@code %...} message is split here; a whole line goes through the production parser. */
    private static SyslogMessage message(String text) {
        if (!text.startsWith("%")) {
            SyslogParseResult result = PARSER.parse(text);
            assertThat(result).as("parse of %s", text).isInstanceOf(SyslogParseResult.Parsed.class);
            return ((SyslogParseResult.Parsed) result).message();
        }
        Matcher m = CISCO_MESSAGE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not %FAC-SEV-MNEM: text: " + text);
        }
        return new SyslogMessage(189, 12, null, -1, '*', "Nov 26 10:00:01.123", null, m.group(1),
                m.group(2).charAt(0) - '0', m.group(3), m.group(4));
    }

    @Test
    void shouldSkipARowOnlyByTextEveryMatchOfItsPatternStartsWith() {
        assertThat(CatalogEntry.leadingLiteral("Crypto\\s+tunnel\\s+is")).isEqualTo("Crypto");
        assertThat(CatalogEntry.leadingLiteral("atts?\\s+are")).as("an optional last char is left out")
                .isEqualTo("att");
        assertThat(CatalogEntry.leadingLiteral("retransmit|resend")).as("top-level alternative").isNull();
        assertThat(CatalogEntry.leadingLiteral("ISAKMP(?:\\s+a|b)")).as("alternative inside a group")
                .isEqualTo("ISAKMP");
        assertThat(CatalogEntry.leadingLiteral("(?i)retransmit")).as("flags").isNull();
        assertThat(CatalogEntry.leadingLiteral("^abc")).isNull();
        assertThat(CatalogEntry.leadingLiteral("ab\\s")).as("too short to be worth it").isNull();
        for (CatalogEntry row : CiscoMessages.ROWS) {
            String literal = row.leadingLiteral();
            assertThat(literal == null || row.text().pattern().startsWith(literal)).as(row.toString()).isTrue();
        }
    }
}
