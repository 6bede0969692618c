package io.tunnelwatch.events;

/**
 * What a {@link TunnelEvent} reports, with the runbook layer it speaks of by default. The catalog of Cisco messages
 * (collector) maps each message to one kind; the state machine (streams-app) switches on it.
 */
public enum EventKind {
    /** {@code %CRYPTO-5-SESSION_STATUS} / {@code IKEV2_SESSION_STATUS}: Crypto tunnel is UP. */
    SESSION_UP(Layer.IPSEC),
    /** {@code %CRYPTO-5-SESSION_STATUS} / {@code IKEV2_SESSION_STATUS}: Crypto tunnel is DOWN. */
    SESSION_DOWN(Layer.UNDERLAY),
    /** A {@code %CRYPTO}/{@code %IKEV2}/{@code %IPSEC} message the catalog does not know yet: kept, not lost. */
    CRYPTO_OTHER(Layer.IKE);

    private final Layer defaultLayer;

    EventKind(Layer defaultLayer) {
        this.defaultLayer = defaultLayer;
    }

    public Layer defaultLayer() {
        return defaultLayer;
    }
}
