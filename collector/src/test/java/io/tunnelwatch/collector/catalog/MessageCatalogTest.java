package io.tunnelwatch.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.TsvFixture;
import io.tunnelwatch.collector.syslog.SyslogMessage;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven over {@code syslog/cisco/crypto-messages.tsv}: what the catalog reads from each Cisco message. */
class MessageCatalogTest {

    private static final String MESSAGES = "/syslog/cisco/crypto-messages.tsv";

    /** Splits {@code %FAC-SEV-MNEM: text} without the production parser, so this test only exercises the catalog. */
    private static final Pattern CISCO_MESSAGE = Pattern.compile("%([A-Z0-9_-]+)-([0-7])-([A-Z0-9_]+): (.*)",
            Pattern.DOTALL);

    private final MessageCatalog catalog = new MessageCatalog();

    /** One row of crypto-messages.tsv; kind null when the catalog must yield nothing. */
    record CatalogCase(String name, String message, EventKind kind, IkeVersion ikeVersion, String peer,
                       Map<String, String> fields) {

        static CatalogCase of(String[] c) {
            String kind = TsvFixture.text(c[2]);
            String version = TsvFixture.text(c[3]);
            return new CatalogCase(c[0], TsvFixture.unescape(c[1]), kind == null ? null : EventKind.valueOf(kind),
                    version == null ? null : IkeVersion.valueOf(version), TsvFixture.text(c[4]), fields(c[5]));
        }

        private static Map<String, String> fields(String cell) {
            Map<String, String> fields = new LinkedHashMap<>();
            if (!TsvFixture.ABSENT.equals(cell)) {
                for (String pair : cell.split(" ")) {
                    int eq = pair.indexOf('=');
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return fields;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CatalogCase> cases() {
        return TsvFixture.rows(MESSAGES, 6).stream().map(CatalogCase::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldReadKindPeerAndFieldsFromACiscoMessage(CatalogCase c) {
        Optional<CatalogMatch> match = catalog.match(message(c.message()));

        if (c.kind() == null) {
            assertThat(match).isEmpty();
            return;
        }
        assertThat(match).isPresent();
        CatalogMatch m = match.get();
        assertThat(m.kind()).as("kind").isEqualTo(c.kind());
        assertThat(m.ikeVersion()).as("ikeVersion").isEqualTo(c.ikeVersion());
        assertThat(m.peer()).as("peer").isEqualTo(c.peer());
        assertThat(m.fields()).as("fields").containsExactlyInAnyOrderEntriesOf(c.fields());
    }

    @Test
    void shouldKeyBracketedAndBareSpellingsOfOneIpv6PeerAlike() {
        String bracketed = "%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.  Peer [2001:0DB8::0007]:500";
        String bare = "%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is DOWN.  Peer 2001:db8:0::7";

        assertThat(catalog.match(message(bracketed)).map(CatalogMatch::peer)).contains("2001:db8::7");
        assertThat(catalog.match(message(bare)).map(CatalogMatch::peer)).contains("2001:db8::7");
    }

    private static SyslogMessage message(String cisco) {
        Matcher m = CISCO_MESSAGE.matcher(cisco);
        if (!m.matches()) {
            throw new IllegalArgumentException("not %FAC-SEV-MNEM: text: " + cisco);
        }
        return new SyslogMessage(189, 12, null, -1, '*', "Nov 26 10:00:01.123", null, m.group(1),
                m.group(2).charAt(0) - '0', m.group(3), m.group(4));
    }
}
