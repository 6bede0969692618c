package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.TsvFixture;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The figure docs/cisco-sources.md#sourced-lines-read-end-to-end quotes: every line of the sourced tables played through
 * the collector's whole reading path ({@link SyslogLineReader}: IOS header, catalog, tie to a tunnel peer) as a router
 * sends it, and compared with what its row says. {@code syslog/cisco/routing-messages.tsv} and
 * {@code crypto-sourced.tsv} rows are read without an inventory (kind, layer, peer and every field);
 * {@code routing-ties.tsv} rows with the inventory of {@link SyslogLineReaderRoutingTest} (kind, tunnel peer,
 * neighbour, interface). A row marked {@code (variant)} changes one token of a sourced line and is counted apart; a
 * row marked {@code (constructed)} is left out.
 */
class SourcedLinesReportTest {

    private static final List<String> CATALOG_TABLES =
            List.of("/syslog/cisco/routing-messages.tsv", "/syslog/cisco/crypto-sourced.tsv");

    private static final String TIES_TABLE = "/syslog/cisco/routing-ties.tsv";

    private static final Pattern TOKEN = Pattern.compile("%([A-Za-z][A-Za-z0-9_-]*)-([0-7])-([A-Z0-9_]+)\\s?:");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    private final SyslogLineReader plain = new SyslogLineReader(DeviceResolver.bySenderAddress(), CLOCK);

    private final SyslogLineReader tied = new SyslogLineReader(
            DeviceResolver.from(SyslogLineReaderRoutingTest.INVENTORY), SyslogLineReaderRoutingTest.POLLED, CLOCK);

    /** One row: the line as sent, and whether what the reader made of it is what the row says. */
    private record Row(String table, String name, String line, SyslogLineReader reader, Predicate<LineOutcome> right) {

        boolean variant() {
            return name.contains("(variant");
        }
    }

    @Test
    void shouldReadEverySourcedLineAsItsRowSays() {
        List<Row> rows = new ArrayList<>();
        for (String table : CATALOG_TABLES) {
            TsvFixture.rows(table, 7).stream().filter(c -> !c[0].contains("(constructed)"))
                    .map(c -> catalogRow(table, c)).forEach(rows::add);
        }
        TsvFixture.rows(TIES_TABLE, 6).stream().filter(c -> !c[0].contains("(constructed)")).map(this::tieRow)
                .forEach(rows::add);

        List<String> misread = new ArrayList<>();
        int sourced = 0;
        int sourcedRight = 0;
        int variants = 0;
        int variantsRight = 0;
        TreeSet<String> families = new TreeSet<>();
        for (Row row : rows) {
            boolean right = row.right().test(row.reader().read(row.line(), "192.0.2.1", "udp"));
            if (row.variant()) {
                variants++;
                variantsRight += right ? 1 : 0;
            } else {
                sourced++;
                sourcedRight += right ? 1 : 0;
            }
            if (!right) {
                misread.add(row.table() + ": " + row.name());
            }
            Matcher m = TOKEN.matcher(row.line());
            if (m.find()) {
                families.add(m.group(1) + "-" + m.group(3));
            }
        }
        System.out.printf("%d of %d sourced lines read as their row says (%d of %d variants); %d families: %s%n",
                sourcedRight, sourced, variantsRight, variants, families.size(), String.join(", ", families));

        assertThat(misread).as("rows read otherwise than they say").isEmpty();
        assertThat(sourced).as("sourced lines measured").isGreaterThanOrEqualTo(100);
    }

    private Row catalogRow(String table, String[] c) {
        String message = TsvFixture.unescape(c[1]);
        EventKind kind = kindOf(c[2]);
        Layer layer = TsvFixture.text(c[3]) == null ? null : Layer.valueOf(c[3]);
        String peer = c[5];
        Map<String, String> fields = TsvFixture.pairs(c[6]);
        return new Row(table, c[0], asSent(message), plain, outcome -> {
            if (kind == null) {
                return !(outcome instanceof LineOutcome.Event);
            }
            return outcome instanceof LineOutcome.Event e && e.event().kind() == kind && e.event().layer() == layer
                    && peer.equals(e.event().key().peer()) && fields.equals(e.event().fields());
        });
    }

    private Row tieRow(String[] c) {
        EventKind kind = kindOf(c[2]);
        String peer = c[3];
        String neighbor = TsvFixture.text(c[4]);
        String iface = TsvFixture.text(c[5]);
        return new Row(TIES_TABLE, c[0], c[1], tied, outcome -> {
            if (!(outcome instanceof LineOutcome.Event e)) {
                return false;
            }
            TunnelEvent event = e.event();
            return event.kind() == kind && peer.equals(event.key().peer())
                    && Objects.equals(neighbor, event.fields().get(SyslogLineReader.NEIGHBOR_FIELD))
                    && Objects.equals(iface, event.fields().get(SyslogLineReader.INTERFACE_FIELD));
        });
    }

    /** A bare {@code %FAC-SEV-MNEM: text} gets the PRI (local7) and counter a router puts before it. */
    private static String asSent(String message) {
        if (!message.startsWith("%")) {
            return message;
        }
        Matcher m = TOKEN.matcher(message);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not %FAC-SEV-MNEM: text: " + message);
        }
        return "<" + (184 + Integer.parseInt(m.group(2))) + ">1: " + message;
    }

    private static EventKind kindOf(String cell) {
        String kind = TsvFixture.text(cell);
        return kind == null ? null : EventKind.valueOf(kind);
    }
}
