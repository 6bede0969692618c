package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import java.util.Map;

/**
 * What the catalog read from one message.
 *
 * @param peer   the remote peer in canonical text form, or {@link io.tunnelwatch.events.PeerKey#ANY_PEER} when the
 *               message names none
 * @param fields message fields by snake_case name
 */
public record CatalogMatch(EventKind kind, IkeVersion ikeVersion, String peer, Map<String, String> fields) {
}
