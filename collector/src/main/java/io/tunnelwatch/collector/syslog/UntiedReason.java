package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.events.TunnelEvent;

/**
 * Why an event about a tunnel interface, a routing neighbour or an IKE exchange could not be tied to a tunnel peer: the {@code reason}
 * of {@code tunnelwatch_syslog_untied_total}. Such an event is still published, keyed {@code device|*} like every
 * device-wide event.
 */
enum UntiedReason {
    /** The message names a tunnel interface that neither the inventory nor the last poll maps to a peer. */
    TUNNEL_NOT_MAPPED("tunnel_not_mapped"),
    /** The message names only a routing neighbour that no peer's {@code routingNeighbors} holds. */
    NEIGHBOR_NOT_MAPPED("neighbor_not_mapped"),
    /**
     * A {@code debug crypto isakmp} line without a peer that no {@code sending packet to} / {@code received packet
     * from} line of the same router named a moment before ({@link DebugLinePeers}).
     */
    DEBUG_WITHOUT_PEER("debug_without_peer");

    private final String label;

    UntiedReason(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The reason {@code event} stayed untied, or null when it has a peer or never named what could tie it. */
    static UntiedReason of(TunnelEvent event) {
        if (!event.key().isDeviceWide()) {
            return null;
        }
        if (event.fields().containsKey(SyslogLineReader.INTERFACE_FIELD)) {
            return TUNNEL_NOT_MAPPED;
        }
        if (event.fields().containsKey(SyslogLineReader.NEIGHBOR_FIELD)) {
            return NEIGHBOR_NOT_MAPPED;
        }
        return DebugLinePeers.isPeerless(event.kind()) ? DEBUG_WITHOUT_PEER : null;
    }

    /** What the event named, for the log line. */
    String what(TunnelEvent event) {
        return switch (this) {
            case TUNNEL_NOT_MAPPED -> event.fields().get(SyslogLineReader.INTERFACE_FIELD);
            case NEIGHBOR_NOT_MAPPED -> "neighbour " + event.fields().get(SyslogLineReader.NEIGHBOR_FIELD);
            case DEBUG_WITHOUT_PEER -> "debug line '" + event.text() + "'";
        };
    }
}
