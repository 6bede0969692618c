package io.tunnelwatch.events;

/**
 * What a {@link TunnelEvent} reports, with the runbook layer it speaks of by default (docs/runbook.md,
 * docs/cisco-sources.md).
 * The collector maps every Cisco message and SNMP notification to one kind; the state machine (streams-app)
 * switches on it. The names say what happened, not which message said it: several messages share a kind (e.g.
 * SESSION_STATUS and IKEV2_SESSION_STATUS), and the mnemonic stays in the event for evidence.
 */
public enum EventKind {

    // --- session summary (crypto logging session) ---
    /** {@code %CRYPTO-5-SESSION_STATUS} / {@code IKEV2_SESSION_STATUS}: Crypto tunnel is UP. */
    SESSION_UP(Layer.IPSEC),
    /** {@code %CRYPTO-5-SESSION_STATUS} / {@code IKEV2_SESSION_STATUS}: Crypto tunnel is DOWN. */
    SESSION_DOWN(Layer.UNDERLAY),

    // --- IKE phase 1 ---
    /** {@code %IKEV2-5-SA_UP}, cikeTunnelStart: an IKE SA is established. */
    IKE_SA_UP(Layer.IKE),
    /** {@code %IKEV2-5-SA_DOWN}, cikeTunnelStop: the IKE SA is gone (DPD, peer lost, clear). */
    IKE_SA_DOWN(Layer.UNDERLAY),
    /** {@code %IKEV2-5-SA_EXPIRED}: lifetime reached, a rekey follows; healthy. */
    IKE_SA_EXPIRED(Layer.IKE),
    /** Debug state line ({@code ... (I) MM_NO_STATE}, {@code Old State = ... New State = ...}); field {@code state}, {@code role}. */
    IKE_STATE(Layer.IKE),
    /** Retransmission of an IKE packet: the peer does not answer (underlay, UDP 500/4500 filtered). */
    IKE_RETRANSMIT(Layer.UNDERLAY),
    /** A new IKE SA offered by the peer ({@code received packet from ... (N) NEW SA}); {@code dport 4500} = NAT-T. */
    IKE_NEW_SA(Layer.IKE),
    /** Phase-1 proposal refused: "atts are not acceptable", "phase 1 SA policy not acceptable", NO_PROPOSAL_CHOSEN. */
    IKE_PROPOSAL_REJECTED(Layer.IKE),
    /** Phase-1 proposal accepted ("atts are acceptable"). */
    IKE_PROPOSAL_ACCEPTED(Layer.IKE),
    /** {@code IKMP_SA_NOT_OFFERED}: the peer chose attributes that were not offered. */
    IKE_ATTRIBUTES_NOT_OFFERED(Layer.IKE),
    /** {@code IKMP_AUTH_FAIL}, {@code IKMP_SA_NOT_AUTH}: phase-1 authentication failed (pre-shared key, certificate). */
    IKE_AUTH_FAILED(Layer.IKE),
    /** {@code IKMP_BAD_MESSAGE}: failed its sanity check (often a pre-shared key mismatch, or NAT mangling). */
    IKE_BAD_MESSAGE(Layer.IKE),
    /** {@code IKMP_NOT_ENCRYPTED}: an IKE packet arrived in clear that should have been encrypted. */
    IKE_NOT_ENCRYPTED(Layer.IKE),
    /** {@code IKMP_NO_SA}: IKE message for an SA this router does not have. */
    IKE_NO_SA(Layer.IKE),
    /** {@code IKMP_MODE_FAILURE}: Main/Aggressive mode failed (field {@code mode}); Quick mode reports as IPSEC_SETUP_FAILED. */
    IKE_MODE_FAILURE(Layer.IKE),
    /** {@code IKMP_AG_MODE_DISABLED}: aggressive mode refused. */
    IKE_AGGRESSIVE_MODE_DISABLED(Layer.IKE),
    /** {@code IKMP_QUERY_KEY}: no key for the peer. */
    IKE_KEY_LOOKUP_FAILED(Layer.IKE),
    /** {@code %IKEV2-3-NEG_ABORT}: IKEv2 negotiation aborted; field {@code error}. */
    IKE_NEGOTIATION_ABORTED(Layer.IKE),
    /** cikeSysFailure / cikeProtocolFailure / cikeCertCrlFailure / cikeNoSa notifications. */
    IKE_FAILURE(Layer.IKE),
    /** {@code %CRYPTO-6-ISAKMP_ON_OFF}: ISAKMP enabled/disabled on the device (field {@code state}). */
    ISAKMP_STATUS(Layer.IKE),

    // --- IPsec phase 2 ---
    /** cipSecTunnelStart: an IPsec SA is up. */
    IPSEC_SA_UP(Layer.IPSEC),
    /** cipSecTunnelStop, cipSecEarlyTunTerm: an IPsec SA is gone. */
    IPSEC_SA_DOWN(Layer.IPSEC),
    /** {@code IPSEC_SETUP_FAILURE} (field {@code fail_reason}), Quick-mode failure, cipSecSetUpFailure. */
    IPSEC_SETUP_FAILED(Layer.IPSEC),
    /** "proxy identities not supported", TS_UNACCEPTABLE: crypto ACLs are not mirror images. */
    PROXY_IDENTITIES_REJECTED(Layer.ROUTING),

    // --- traffic / encryption ---
    /** {@code RECVD_PKT_INV_SPI}: ESP with an unknown SPI (SAs out of sync after a rekey); fields spi, srcaddr, destaddr, prot. */
    INVALID_SPI(Layer.TRAFFIC),
    /** {@code PKT_REPLAY_ERR}, {@code IPSEC-3-REPLAY_ERROR}: anti-replay check failed. */
    REPLAY_ERROR(Layer.TRAFFIC),
    /** {@code RECVD_PKT_MAC_ERR}, {@code HMAC_ERROR}: authentication (MAC) check failed. */
    AUTH_ERROR(Layer.TRAFFIC),
    /** cipSecSysFailure / cipSecProtocolFailure notifications. */
    IPSEC_FAILURE(Layer.TRAFFIC),
    /** {@code RECVD_PKT_NOT_IPSEC}: clear text where IPsec was expected (selectors asymmetric); field {@code prot}. */
    CLEARTEXT_RECEIVED(Layer.ROUTING),

    // --- routing / tunnel interface ---
    /** {@code LINEPROTO-5-UPDOWN} / {@code LINK-3-UPDOWN} / linkDown on a Tunnel interface; field {@code interface}. */
    TUNNEL_INTERFACE_DOWN(Layer.ROUTING),
    /** {@code LINEPROTO-5-UPDOWN} / {@code LINK-3-UPDOWN} / linkUp on a Tunnel interface; field {@code interface}. */
    TUNNEL_INTERFACE_UP(Layer.ROUTING),

    /**
     * {@code %TUN-5-RECURDOWN}: IOS disabled a tunnel interface for a while because the route to its destination
     * points into the tunnel itself (recursive routing); field {@code interface}. The path to the peer is broken,
     * hence the underlay.
     */
    TUNNEL_RECURSIVE_ROUTING(Layer.UNDERLAY),

    // --- DMVPN crypto sockets (tunnel protection of an mGRE tunnel, one per NBMA peer) ---
    /** {@code %DMVPN-5-CRYPTO_SS ... socket is DOWN}: no IPsec SA protects the tunnel to that NBMA peer. */
    CRYPTO_SOCKET_DOWN(Layer.IPSEC),
    /** {@code %DMVPN-5-CRYPTO_SS ... socket is UP}. */
    CRYPTO_SOCKET_UP(Layer.IPSEC),

    // --- routing over the tunnel ---
    /**
     * A routing adjacency over a tunnel went down: {@code %OSPF-5-ADJCHG} (to any state but FULL),
     * {@code %DUAL-5-NBRCHANGE} (EIGRP, is down), {@code %BGP-5-ADJCHANGE} (Down), {@code %DMVPN-5-NHRP_NHS_DOWN} /
     * {@code NHRP_NHC_DOWN} (NHRP registration). Fields {@code protocol} (ospf, eigrp, bgp, nhrp), {@code neighbor},
     * {@code interface} when the message names it, {@code reason}.
     */
    ROUTING_ADJACENCY_DOWN(Layer.ROUTING),
    /** The same messages saying the adjacency is up again (OSPF FULL, EIGRP/BGP/NHRP up). */
    ROUTING_ADJACENCY_UP(Layer.ROUTING),

    // --- underlay probes ---
    /** IP SLA to the peer timed out or disconnected (rttMonLatestRttOperSense). */
    UNDERLAY_PROBE_FAILED(Layer.UNDERLAY),
    /** IP SLA to the peer succeeded again. */
    UNDERLAY_PROBE_OK(Layer.UNDERLAY),

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
