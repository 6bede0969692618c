package io.tunnelwatch.streams.verdict;

import io.tunnelwatch.events.Layer;

/**
 * Every alert of docs/architecture.md#detectors-and-alerts, with its runbook layer and severity. Declaration order
 * breaks ties between
 * findings of one layer: the earlier one is the root cause. {@link #alertName()} is the docs/runbook.md name, used in
 * the
 * {@code alert} label and on {@code tunnelwatch.alerts}.
 */
public enum AlertType {
    DEVICE_SILENT("DeviceSilent", Layer.DEVICE, Severity.CRITICAL),
    // The route to the tunnel destination points into the tunnel: the path to the peer is broken, and that explains
    // every symptom above it (the tunnel disabled, the SA gone, a flapping tunnel), so it goes first at its layer.
    TUNNEL_RECURSIVE_ROUTING("TunnelRecursiveRouting", Layer.UNDERLAY, Severity.CRITICAL),
    PEER_UNREACHABLE("PeerUnreachable", Layer.UNDERLAY, Severity.CRITICAL),
    EXPECTED_PEER_MISSING("ExpectedPeerMissing", Layer.UNDERLAY, Severity.CRITICAL),
    // Repeated down/up is an unstable path (DPD timeouts, a lossy underlay) more often than anything above it.
    TUNNEL_FLAPPING("TunnelFlapping", Layer.UNDERLAY, Severity.WARNING),
    IKE_NEGOTIATION_STUCK("IkeNegotiationStuck", Layer.IKE, Severity.CRITICAL),
    // A DMVPN crypto socket down names why the SA is missing, where "IKE up, no SA" alone gives no reason; with a
    // phase-2 failure message the socket detector steps aside for IpsecNegotiationFailed and its reason.
    CRYPTO_SOCKET_DOWN("CryptoSocketDown", Layer.IPSEC, Severity.CRITICAL),
    IPSEC_NEGOTIATION_FAILED("IpsecNegotiationFailed", Layer.IPSEC, Severity.CRITICAL),
    // Packets for an unknown SPI explain a decaps stall at the same layer (the far side sends, on an SA this router
    // no longer has): the desync is the root cause, the flat decaps its evidence (docs/runbook.md#traffic-layer).
    INVALID_SPI("InvalidSpi", Layer.TRAFFIC, Severity.WARNING),
    DECAPS_STALLED("DecapsStalled", Layer.TRAFFIC, Severity.CRITICAL),
    CRYPTO_ERRORS("CryptoErrors", Layer.TRAFFIC, Severity.WARNING),
    TUNNEL_INTERFACE_DOWN("TunnelInterfaceDown", Layer.ROUTING, Severity.CRITICAL),
    // An adjacency down over a tunnel that is down itself is the interface's symptom.
    ROUTING_ADJACENCY_DOWN("RoutingAdjacencyDown", Layer.ROUTING, Severity.CRITICAL),
    ENCAPS_STALLED("EncapsStalled", Layer.ROUTING, Severity.CRITICAL),
    CLEARTEXT_RECEIVED("CleartextReceived", Layer.ROUTING, Severity.WARNING),
    NAT_EXEMPTION_MISSING("NatExemptionMissing", Layer.NAT_T, Severity.WARNING),
    MTU_SUSPECTED("MtuSuspected", Layer.MTU, Severity.WARNING);

    private final String alertName;
    private final Layer layer;
    private final Severity severity;

    AlertType(String alertName, Layer layer, Severity severity) {
        this.alertName = alertName;
        this.layer = layer;
        this.severity = severity;
    }

    public String alertName() {
        return alertName;
    }

    public Layer layer() {
        return layer;
    }

    public Severity severity() {
        return severity;
    }

    /** True when this alert is the root cause rather than {@code other}: lower layer first, then declaration order. */
    public boolean isBelow(AlertType other) {
        int byLayer = layer.compareTo(other.layer);
        return byLayer != 0 ? byLayer < 0 : ordinal() < other.ordinal();
    }
}
