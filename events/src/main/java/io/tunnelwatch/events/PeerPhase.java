package io.tunnelwatch.events;

/**
 * How far a tunnel peer has come up, as exported by the gauge {@code tunnelwatch_peer_phase{device,peer}}.
 * The numeric codes are those of {@code tunnelwatch_peer_phase} (docs/metrics.md); rules and dashboards compare against
 * them.
 */
public enum PeerPhase {
    UNKNOWN(0),
    DOWN(1),
    IKE_NEGOTIATING(2),
    IKE_UP(3),
    IPSEC_UP(4),
    PASSING_TRAFFIC(5);

    private final int code;

    PeerPhase(int code) {
        this.code = code;
    }

    /** The value of the {@code tunnelwatch_peer_phase} gauge. */
    public int code() {
        return code;
    }
}
