package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.collector.syslog.SyslogMessage;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of Cisco IOS-XE crypto messages tunnelwatch understands (CISCO-FACTS.md §1), and the generic fallback
 * for {@code %CRYPTO}/{@code %IKEV2}/{@code %IPSEC} messages not in it yet. Other facilities are not ours and yield
 * nothing. Extend by adding a row to {@link #ENTRIES}.
 */
public final class MessageCatalog {

    /** Whitespace between fields varies across images ([U] in CISCO-FACTS), hence {@code \s+} everywhere. */
    private static final String PEER = "Peer\\s+(?<peer>[0-9A-Fa-f:.\\[\\]]+)";

    private static final List<CatalogEntry> ENTRIES = List.of(
            new CatalogEntry(Set.of("CRYPTO"), Set.of("SESSION_STATUS"),
                    Pattern.compile("Crypto\\s+tunnel\\s+is\\s+(?<state>UP|DOWN)\\.?\\s+" + PEER
                            + "(?:\\s+Id:\\s*(?<ikeid>\\S+))?"),
                    IkeVersion.IKEV1, MessageCatalog::upOrDown, Set.of("ikeid")),
            new CatalogEntry(Set.of("CRYPTO"), Set.of("IKEV2_SESSION_STATUS"),
                    Pattern.compile("Crypto\\s+tunnel\\s+v2\\s+is\\s+(?<state>UP|DOWN)\\.?\\s+" + PEER
                            + "(?:\\s+Id:\\s*(?<ikeid>\\S+))?"),
                    IkeVersion.IKEV2, MessageCatalog::upOrDown, Set.of("ikeid")));

    private static final Set<String> CRYPTO_FACILITIES = Set.of("CRYPTO", "IKEV2", "IPSEC", "ISAKMP");

    /** The event a message reports, or empty when it is not a crypto message at all. */
    public Optional<CatalogMatch> match(SyslogMessage message) {
        for (CatalogEntry entry : ENTRIES) {
            if (entry.facilities().contains(message.facility()) && entry.mnemonics().contains(message.mnemonic())) {
                Matcher m = entry.text().matcher(message.text());
                if (m.find()) {
                    Optional<CatalogMatch> read = read(entry, m);
                    if (read.isPresent()) {
                        return read;
                    }
                }
            }
        }
        if (CRYPTO_FACILITIES.contains(message.facility())) {
            return Optional.of(generic(message));
        }
        return Optional.empty();
    }

    private static Optional<CatalogMatch> read(CatalogEntry entry, Matcher m) {
        PeerAddresses.Endpoint endpoint = PeerAddresses.endpoint(group(m, "peer"));
        if (endpoint == null) {
            return Optional.empty();
        }
        String peer = endpoint.address();
        Map<String, String> fields = new HashMap<>();
        for (String name : entry.fieldGroups()) {
            String value = group(m, name);
            if (value != null) {
                fields.put(snake(name), value);
            }
        }
        String port = endpoint.port();
        if (port != null) {
            fields.put("peer_port", port);
            fields.put("nat_t", String.valueOf("4500".equals(port)));
        }
        return Optional.of(new CatalogMatch(entry.kind().apply(m), entry.ikeVersion(), peer, fields));
    }

    private static CatalogMatch generic(SyslogMessage message) {
        String peer = PeerAddresses.firstIpv4(message.text());
        IkeVersion version = "IKEV2".equals(message.facility()) ? IkeVersion.IKEV2 : IkeVersion.UNKNOWN;
        return new CatalogMatch(EventKind.CRYPTO_OTHER, version, peer == null ? PeerKey.ANY_PEER : peer, Map.of());
    }

    private static EventKind upOrDown(Matcher m) {
        return "UP".equals(m.group("state")) ? EventKind.SESSION_UP : EventKind.SESSION_DOWN;
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    private static String snake(String group) {
        return "ikeid".equals(group) ? "ike_id" : group;
    }
}
