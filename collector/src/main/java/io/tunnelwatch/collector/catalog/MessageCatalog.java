package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.collector.net.PeerAddresses;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads Cisco IOS-XE messages into event kinds, layers, peers and fields
 * (docs/cisco-sources.md#ike-and-ipsec-syslog-messages): the rows of
 * {@link CiscoMessages}, and a generic {@link EventKind#CRYPTO_OTHER} event for {@code %CRYPTO}/{@code %IKEV2}/
 * {@code %IPSEC}/{@code %ISAKMP} messages no row reads, so nothing crypto is lost. Other messages (including
 * {@code debug} lines no row reads: they come in floods and mostly say nothing new) yield nothing.
 *
 * <p>Rows are found by mnemonic through a map, so the cost of a line does not grow with the table; their patterns
 * are compiled once. Thread-safe: its only mutable state is the
 * {@link RecentMatches} of texts it read lately, which makes a repeated text cheap and never changes a read.
 */
public final class MessageCatalog {

    /**
     * Fields that hold a port; any of them being 4500 means NAT traversal
     * (docs/cisco-sources.md#ike-and-ipsec-syslog-messages, docs/cisco-sources.md#debug-crypto-lines).
     */
    private static final List<String> PORT_FIELDS = List.of("peer_port", "dport", "sport", "local_port");

    private static final String NAT_T_PORT = "4500";

    private static final Set<String> CRYPTO_FACILITIES = Set.of("CRYPTO", "IKEV2", "IPSEC", "ISAKMP");

    private final Map<String, List<CatalogEntry>> byMnemonic;
    /** Null in a catalog that reads every text afresh. */
    private final RecentMatches recent;

    public MessageCatalog() {
        this(CiscoMessages.ROWS, true);
    }

    MessageCatalog(List<CatalogEntry> rows) {
        this(rows, true);
    }

    /**
     * A catalog that reads every text afresh, with no memory of texts read before: what a line of a never-seen text
     * costs (the parse benchmark), and the reference a remembered read is tested against.
     */
    public static MessageCatalog uncached() {
        return new MessageCatalog(CiscoMessages.ROWS, false);
    }

    private MessageCatalog(List<CatalogEntry> rows, boolean remember) {
        this.recent = remember ? new RecentMatches() : null;
        Map<String, List<CatalogEntry>> index = new HashMap<>();
        for (CatalogEntry row : rows) {
            for (String mnemonic : row.mnemonics()) {
                index.computeIfAbsent(mnemonic, k -> new ArrayList<>()).add(row);
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byMnemonic = Map.copyOf(index);
    }

    /** The event a message reports, or empty when it is not a tunnel message at all. */
    public Optional<CatalogMatch> match(SyslogMessage message) {
        if (recent == null) {
            return read(message);
        }
        return recent.readThrough(message.facility(), message.mnemonic(), message.text(), () -> read(message));
    }

    private Optional<CatalogMatch> read(SyslogMessage message) {
        Hit hit = find(message);
        if (hit != null) {
            return Optional.of(hit.match());
        }
        if (CRYPTO_FACILITIES.contains(message.facility())) {
            return Optional.of(generic(message));
        }
        return Optional.empty();
    }

    /** The row that reads a message, or null when none does (the generic event, or nothing); for tests. */
    CatalogEntry rowFor(SyslogMessage message) {
        Hit hit = find(message);
        return hit == null ? null : hit.entry();
    }

    private record Hit(CatalogEntry entry, CatalogMatch match) {
    }

    private Hit find(SyslogMessage message) {
        List<CatalogEntry> rows = byMnemonic.get(message.mnemonic());
        if (rows == null) {
            return null;
        }
        String text = message.text();
        Matcher m = null;
        for (CatalogEntry row : rows) {
            if (!row.facilities().contains(message.facility())) {
                continue;
            }
            // A pattern whose leading literal is absent cannot match: skip it without running it.
            int from = row.leadingLiteral() == null ? 0 : text.indexOf(row.leadingLiteral());
            if (from < 0) {
                continue;
            }
            // One matcher per line, re-aimed at each row's pattern: debug mnemonics have several rows.
            m = m == null ? row.text().matcher(text).useTransparentBounds(true).useAnchoringBounds(false)
                    : m.usePattern(row.text());
            m.region(from, text.length());
            if (m.find()) {
                CatalogMatch read = read(row, m, text);
                if (read != null) {
                    return new Hit(row, read);
                }
            }
        }
        return null;
    }

    /** The event of one row's match, or null when its peer token is not an address (the row does not apply). */
    private static CatalogMatch read(CatalogEntry row, Matcher m, String text) {
        PeerAddresses.Endpoint endpoint = null;
        if (row.hasPeerGroup()) {
            String token = m.group("peer");
            if (token != null) {
                endpoint = PeerAddresses.endpoint(token);
                if (endpoint == null) {
                    return null;
                }
            }
        }
        if (endpoint == null && row.peerFromTextAllowed()) {
            endpoint = PeerAddresses.likelyPeer(text);
        }
        Map<String, String> fields = new HashMap<>(row.constants());
        for (CatalogEntry.Field f : row.fields()) {
            String value = m.group(f.group());
            if (value != null && !value.isEmpty()) {
                fields.put(f.name(), value);
            }
        }
        String peer = PeerKey.ANY_PEER;
        if (endpoint != null) {
            peer = endpoint.address();
            if (endpoint.port() != null) {
                fields.put("peer_port", endpoint.port());
            }
        }
        markNatTraversal(fields);
        EventKind kind = row.kind(m);
        return new CatalogMatch(kind, row.layer(m, kind), row.ikeVersion(), peer, fields);
    }

    /** Adds {@code nat_t} whenever a port appears: true when any port is 4500. */
    private static void markNatTraversal(Map<String, String> fields) {
        boolean anyPort = false;
        boolean natT = false;
        for (String name : PORT_FIELDS) {
            String port = fields.get(name);
            if (port != null) {
                anyPort = true;
                natT |= NAT_T_PORT.equals(port);
            }
        }
        if (anyPort) {
            fields.put("nat_t", String.valueOf(natT));
        }
    }

    private static CatalogMatch generic(SyslogMessage message) {
        PeerAddresses.Endpoint endpoint = PeerAddresses.likelyPeer(message.text());
        IkeVersion version = "IKEV2".equals(message.facility()) ? IkeVersion.IKEV2 : IkeVersion.UNKNOWN;
        if (endpoint == null) {
            return new CatalogMatch(EventKind.CRYPTO_OTHER, EventKind.CRYPTO_OTHER.defaultLayer(), version,
                    PeerKey.ANY_PEER, Map.of());
        }
        Map<String, String> fields = new HashMap<>();
        if (endpoint.port() != null) {
            fields.put("peer_port", endpoint.port());
            markNatTraversal(fields);
        }
        return new CatalogMatch(EventKind.CRYPTO_OTHER, EventKind.CRYPTO_OTHER.defaultLayer(), version,
                endpoint.address(), fields);
    }
}
