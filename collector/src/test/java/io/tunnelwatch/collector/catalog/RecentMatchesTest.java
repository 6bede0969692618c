package io.tunnelwatch.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.TsvFixture;
import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog's memory of recent texts ({@link RecentMatches}) must never change a read: whatever it remembers,
 * evicts or races on, {@link MessageCatalog#match} answers what a catalog with no memory answers.
 */
class RecentMatchesTest {

    private static final IosSyslogParser PARSER = new IosSyslogParser();

    private final MessageCatalog remembering = new MessageCatalog();
    private final MessageCatalog fresh = MessageCatalog.uncached();

    @Test
    void shouldAnswerEveryFixtureMessageFromMemoryExactlyAsAFreshRead() {
        List<SyslogMessage> messages = fixtureMessages();
        assertThat(messages).hasSizeGreaterThan(50);
        List<Optional<CatalogMatch>> first = messages.stream().map(remembering::match).toList();

        for (int i = 0; i < messages.size(); i++) {
            Optional<CatalogMatch> again = remembering.match(messages.get(i));
            assertThat(again).as(messages.get(i).text()).isEqualTo(fresh.match(messages.get(i)));
            if (messages.get(i).text().length() <= RecentMatches.MAX_TEXT_LENGTH) {
                assertThat(again).as("remembered: the very same read").isSameAs(first.get(i));
            }
        }
    }

    @Test
    void shouldNotServeATextReadUnderOneMnemonicOrFacilityForAnother() {
        String text = "Crypto tunnel is UP. Peer 10.1.2.3:500 Id: 10.1.2.3";
        SyslogMessage session = message("CRYPTO", "SESSION_STATUS", text);
        SyslogMessage v2 = message("CRYPTO", "IKEV2_SESSION_STATUS", text);
        SyslogMessage otherFacility = message("SYS", "SESSION_STATUS", text);

        assertThat(remembering.match(session)).get().extracting(CatalogMatch::kind).isEqualTo(EventKind.SESSION_UP);
        assertThat(remembering.match(v2)).as("the v2 row wants 'v2': only the generic event")
                .get().extracting(CatalogMatch::kind).isEqualTo(EventKind.CRYPTO_OTHER);
        assertThat(remembering.match(otherFacility)).as("not a crypto facility").isEmpty();
        assertThat(remembering.match(session)).get().extracting(CatalogMatch::kind).isEqualTo(EventKind.SESSION_UP);
    }

    @Test
    void shouldReadATextTooLongToKeepAfreshEveryTime() {
        String text = "Crypto tunnel is DOWN. Peer 10.1.2.3:4500 Id: " + "x".repeat(RecentMatches.MAX_TEXT_LENGTH);
        SyslogMessage m = message("CRYPTO", "SESSION_STATUS", text);

        Optional<CatalogMatch> first = remembering.match(m);
        Optional<CatalogMatch> second = remembering.match(m);

        assertThat(first).get().extracting(CatalogMatch::kind).isEqualTo(EventKind.SESSION_DOWN);
        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void shouldStayRightWhenFarMoreTextsComeThanItHoldsAndTheyComeBack() {
        Random random = new Random(20261127);
        List<SyslogMessage> texts = new ArrayList<>();
        for (int i = 0; i < 3 * RecentMatches.SLOTS; i++) {
            texts.add(randomCryptoMessage(random));
        }
        for (int round = 0; round < 2; round++) {
            for (SyslogMessage m : texts) {
                assertThat(remembering.match(m)).as(m.text()).isEqualTo(fresh.match(m));
            }
        }
    }

    @Test
    void shouldGiveEveryThreadTheFreshReadWhileThreadsShareIt() throws Exception {
        Random random = new Random(7);
        List<SyslogMessage> texts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            texts.add(randomCryptoMessage(random));
        }
        List<Optional<CatalogMatch>> expected = texts.stream().map(fresh::match).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 97;
                wrong.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            int k = (i + offset) % texts.size();
                            if (!remembering.match(texts.get(k)).equals(expected.get(k))) {
                                mismatches++;
                            }
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Session, invalid-SPI, IKE and non-crypto lines with random addresses and numbers. */
    private static SyslogMessage randomCryptoMessage(Random r) {
        String peer = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        return switch (r.nextInt(5)) {
            case 0 -> message("CRYPTO", "SESSION_STATUS", "Crypto tunnel is " + (r.nextBoolean() ? "UP" : "DOWN")
                    + ". Peer " + peer + ":" + (r.nextBoolean() ? 500 : 4500) + " Id: " + peer);
            case 1 -> message("CRYPTO", "RECVD_PKT_INV_SPI", "decaps: rec'd IPSEC packet has invalid spi for "
                    + "destaddr=192.0.2.1, prot=50, spi=0x" + Integer.toHexString(r.nextInt()) + "(" + r.nextInt(1000)
                    + "), srcaddr=" + peer);
            case 2 -> message("CRYPTO", "IKMP_NO_SA", "IKE message from " + peer + " has no SA and is not an "
                    + "initialization offer");
            case 3 -> message("CRYPTO", "SOMETHING_NEW", "a message no row reads, about " + peer);
            default -> message("LINEPROTO", "UPDOWN", "Line protocol on Interface Tunnel" + r.nextInt(100)
                    + ", changed state to " + (r.nextBoolean() ? "up" : "down"));
        };
    }

    private static SyslogMessage message(String facility, String mnemonic, String text) {
        return new SyslogMessage(189, -1, null, -1, ' ', null, null, facility, 5, mnemonic, text);
    }

    /** Every whole line of the catalog fixtures, through the production header parser. */
    private static List<SyslogMessage> fixtureMessages() {
        return Stream.of("/syslog/cisco/crypto-messages.tsv", "/syslog/cisco/debug-messages.tsv")
                .flatMap(f -> TsvFixture.rows(f, 7).stream())
                .map(c -> TsvFixture.unescape(c[1]))
                .map(line -> line.startsWith("%") ? "<189>12: *Nov 26 10:00:01.123: " + line : line)
                .map(PARSER::parse)
                .filter(SyslogParseResult.Parsed.class::isInstance)
                .map(r -> ((SyslogParseResult.Parsed) r).message())
                .toList();
    }
}
