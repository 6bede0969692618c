package io.tunnelwatch.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.IosXeMessages;
import io.tunnelwatch.events.IosXeMessages.Family;
import io.tunnelwatch.events.IosXeMessages.Level;
import io.tunnelwatch.events.IosXeMessages.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text the simulator sends (the sourced IOS-XE table in the events module) read by the production parser and
 * catalog as a whole router line: it must yield the event kind its row names, for the peer it names.
 */
class SourcedMessagesTest {

    private static final String PEER = "192.0.2.7";
    /** One value per field name the table uses; a new field needs a value here, or the test fails. */
    private static final Map<String, Object> VALUES = Map.ofEntries(Map.entry("peer", PEER),
            Map.entry("self", "198.51.100.1"), Map.entry("port", 500), Map.entry("tunnel", 7),
            Map.entry("spi_hex", "9E6D41B7"), Map.entry("spi", 2657960375L),
            Map.entry("interface", "GigabitEthernet1"), Map.entry("connection", 2007), Map.entry("sequence", 0),
            Map.entry("state", "MM_NO_STATE"), Map.entry("role", "R"), Map.entry("profile", "None"),
            Map.entry("count", 1), Map.entry("process", 10), Map.entry("neighbor", "3.3.3.3"));

    private final MessageCatalog catalog = new MessageCatalog();

    static List<Template> rows() {
        return IosXeMessages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldReadEveryTableRowAsTheKindItNames(Template row) {
        String text = row.render(VALUES);
        String line = "<189>12: *Nov 26 10:00:01.123: " + text;
        SyslogParseResult result = new IosSyslogParser().parse(line);
        assertThat(result).as(line).isInstanceOf(SyslogParseResult.Parsed.class);

        Optional<CatalogMatch> match = catalog.match(((SyslogParseResult.Parsed) result).message());

        assertThat(match.map(CatalogMatch::kind)).as("%s: %s", row.id(), text).isEqualTo(row.kind());
        if (row.kind().isPresent() && row.fields().contains("peer")) {
            assertThat(match.get().peer()).as("%s names its peer", row.id()).isEqualTo(PEER);
        }
        if (row.family() != Family.ANY && row.kind().isPresent()) {
            IkeVersion expected = row.family() == Family.V2 ? IkeVersion.IKEV2 : IkeVersion.IKEV1;
            assertThat(match.get().ikeVersion()).as("%s family", row.id()).isIn(expected, IkeVersion.UNKNOWN);
        }
    }

    @Test
    void shouldSourceEveryRowAndKeepIkev1TextsOutOfTheIkev2Family() {
        assertThat(IosXeMessages.all()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.source()).as(row.id()).isNotBlank();
            assertThat(row.confidence()).as(row.id()).containsPattern("\\[[VTU]]");
            if (row.family() == Family.V2) {
                assertThat(row.template()).as(row.id()).doesNotContain("IKMP", "ISAKMP");
            }
            if (row.level() == Level.NORMAL && !row.mnemonic().equals("-")) {
                assertThat(row.template()).as(row.id()).startsWith("%" + row.mnemonic() + ": ");
            }
        });
    }
}
