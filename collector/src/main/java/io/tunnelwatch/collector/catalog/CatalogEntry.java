package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the message catalog: which mnemonics it reads, the pattern of their text, and how a match becomes an
 * event. Named groups of the pattern become fields ({@code peer} and {@code port} are treated specially: the peer
 * is canonicalised, port 4500 marks NAT-T).
 *
 * @param facilities  Cisco facilities it applies to, e.g. {@code CRYPTO}
 * @param mnemonics   mnemonics it applies to, e.g. {@code SESSION_STATUS}
 * @param text        the pattern of the message text; searched, not matched whole, to tolerate trailing text
 * @param ikeVersion  the IKE version the message implies
 * @param kind        the event kind, chosen from the match (e.g. UP vs DOWN)
 * @param fieldGroups named groups copied into the event's fields
 */
public record CatalogEntry(
        Set<String> facilities,
        Set<String> mnemonics,
        Pattern text,
        IkeVersion ikeVersion,
        Function<Matcher, EventKind> kind,
        Set<String> fieldGroups) {
}
