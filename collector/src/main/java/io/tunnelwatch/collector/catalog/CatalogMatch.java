package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import java.util.Map;

/**
 * What the catalog read from one message.
 *
 * @param layer  the runbook layer the message speaks of: the kind's default unless
 *               docs/cisco-sources.md#ike-and-ipsec-syslog-messages names
 *               another for this message (e.g. LINK-3-UPDOWN on a tunnel is the underlay)
 * @param peer   the remote peer in canonical text form, or {@link io.tunnelwatch.events.PeerKey#ANY_PEER} when the
 *               message names none
 * @param fields message fields by snake_case name; immutable, since a read is shared by every line of the same text
 */
public record CatalogMatch(EventKind kind, Layer layer, IkeVersion ikeVersion, String peer,
                           Map<String, String> fields) {

    public CatalogMatch {
        fields = Map.copyOf(fields);
    }
}
