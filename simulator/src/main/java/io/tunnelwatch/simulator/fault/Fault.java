package io.tunnelwatch.simulator.fault;

import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.simulator.message.CryptoMessages;
import io.tunnelwatch.simulator.message.FaultMessages;
import io.tunnelwatch.simulator.message.RoutingMessages;
import io.tunnelwatch.simulator.tunnel.RouterTunnelEnd;
import io.tunnelwatch.simulator.tunnel.SimulatedTunnel;
import io.tunnelwatch.simulator.tunnel.WireOutput;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The failures of docs/runbook.md, as a router pair would show them on the wire: messages, IKE states, SNMP rows and
 * counters, traps. A fault is applied on one router's end of a tunnel ("local"; the far end is "remote") and
 * repaired by undoing exactly what it did. Faults never write alerts: what tunnelwatch concludes is its business.
 */
public enum Fault {

    /** Underlay loss: IKE held in MM_NO_STATE with retransmissions, SESSION_STATUS DOWN, no SA rows. */
    PEER_UNREACHABLE(Hold.IKE),
    /**
     * Phase-1 policy mismatch: the local router refuses the far end's proposal ("atts are not acceptable",
     * IKMP_MODE_FAILURE Main mode); both stay in MM_NO_STATE, yet both hear each other.
     */
    IKE_PROPOSAL_MISMATCH(Hold.IKE),
    /** Pre-shared key mismatch: IKMP_BAD_MESSAGE "failed its sanity check", stuck in MM_KEY_EXCH. */
    PSK_MISMATCH(Hold.IKE),
    /** Phase 2: IPSEC_SETUP_FAILURE fail_reason IPSec Proposal failure; IKE up, no SA. */
    TRANSFORM_SET_MISMATCH(Hold.IPSEC),
    /**
     * Phase 2: PFS group mismatch; IKE up, quick mode fails (IKMP_MODE_FAILURE Quick mode on IKEv1 routers). No
     * published IOS-XE text names the PFS group, so no line says "PFS".
     */
    PFS_MISMATCH(Hold.IPSEC),
    /**
     * Crypto ACLs not mirror images: quick mode fails; "proxy identities not supported" only in debug output; IKE up,
     * no SA.
     */
    CRYPTO_ACL_NOT_MIRRORED(Hold.IPSEC),
    /** One-way traffic: the far side stops sending, so local decaps stall while encaps go on. */
    DECAPS_STALL(Hold.NONE),
    /** Local traffic does not match (or is not routed into) the tunnel: local encaps stall. */
    ENCAPS_STALL(Hold.NONE),
    /** Inbound packets fail the anti-replay check: cipSecTunInReplayDropPkts rises, PKT_REPLAY_ERR. */
    REPLAY_ERRORS(Hold.NONE),
    /** Inbound packets fail the HMAC check: auth and decrypt failures rise, RECVD_PKT_MAC_ERR. */
    AUTH_ERRORS(Hold.NONE),
    /** After a rekey the local router keeps the old SA: the far side logs RECVD_PKT_INV_SPI, its decaps stall. */
    SPI_DESYNC(Hold.NONE),
    /** The SVTI goes down: LINEPROTO down, linkDown trap, ifOperStatus down, no traffic through it. */
    TUNNEL_INTERFACE_DOWN(Hold.NONE),
    /**
     * IPsec up, routing adjacency down: OSPF over the tunnel loses its neighbour at both ends (hellos dropped, e.g.
     * by an ACL on the tunnel or a timer mismatch) while the SA keeps passing traffic; the repair brings it to FULL.
     */
    OSPF_ADJACENCY_DOWN(Hold.NONE),
    /** Router NAT translates before encryption: traffic never matches the crypto ACL (encaps flat), NAT-T seen. */
    NAT_WITHOUT_EXEMPTION(Hold.NONE),
    /** Oversized packets dropped: cipSecTunOutDropPkts rises, a share of the traffic never arrives. */
    MTU_BLACK_HOLE(Hold.NONE),
    /** The tunnel drops for half a minute and comes back, every two simulated minutes. */
    FLAPPING(Hold.NONE),
    /** The router stops sending syslog and traps and stops answering SNMP. */
    ROUTER_SILENT(Hold.NONE),
    /** An expected peer that never comes up: no messages, no rows, nothing at all. */
    PEER_NEVER_UP(Hold.QUIET);

    /** IOS rate-limits most crypto messages to about one a minute; symptoms repeat at this simulated period. */
    static final double SYMPTOM_PERIOD_SECONDS = 60;
    /**
     * A flapping tunnel stays up this long, then drops (DPD declares the peer dead) and renegotiates after the down
     * time: short outages, each a down/up cycle, none long enough to read as an unreachable peer.
     */
    static final double FLAP_UP_SECONDS = 90;
    static final double FLAP_DOWN_SECONDS = 30;

    /** cikeFailReason authFailure: the peer's authentication (pre-shared key hash) did not verify. */
    static final int CIKE_AUTH_FAILURE = IpsecFlowMonitorMib.CIKE_FAIL_REASONS.indexOf("authFailure");
    /** cikeFailReason proposalFailure: no IKE proposal in common. */
    static final int CIKE_PROPOSAL_FAILURE = IpsecFlowMonitorMib.CIKE_FAIL_REASONS.indexOf("proposalFailure");
    /** cipSecFailReason proposalFailure: no transform set (or PFS group) in common. */
    static final int CIPSEC_PROPOSAL_FAILURE = IpsecFlowMonitorMib.CIPSEC_FAIL_REASONS.indexOf("proposalFailure");

    /** What a fault keeps down while it is in force. */
    private enum Hold { NONE, IKE, IPSEC, QUIET }

    private final Hold hold;

    Fault(Hold hold) {
        this.hold = hold;
    }

    /** The scenario-file name: {@code decaps-stall} for DECAPS_STALL. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Fault byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id) || f.name().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + id + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Fault::id).toList())));
    }

    /** Whether the tunnel must not come up at all while this fault is in force (so a fleet start skips it). */
    public boolean holdsDown() {
        return hold == Hold.QUIET;
    }

    void apply(ActiveFault f, Instant now, WireOutput out) {
        RouterTunnelEnd local = f.local();
        RouterTunnelEnd remote = f.remote();
        SimulatedTunnel tunnel = f.tunnel();
        switch (this) {
            case PEER_UNREACHABLE, IKE_PROPOSAL_MISMATCH, PSK_MISMATCH -> tunnel.tearDown(true, now, out);
            case TRANSFORM_SET_MISMATCH, PFS_MISMATCH, CRYPTO_ACL_NOT_MIRRORED -> tunnel.tearDown(false, now, out);
            case PEER_NEVER_UP -> tunnel.tearDown(true, now, WireOutputs.DISCARD);
            case DECAPS_STALL -> remote.impairments().stopSending(true);
            case ENCAPS_STALL -> local.impairments().stopSending(true);
            case NAT_WITHOUT_EXEMPTION -> {
                local.impairments().stopSending(true);
                out.syslog(local.router(), CryptoMessages.sessionStatus(SimulatedTunnel.ikev2(local), true,
                        local.peer(), 4500));
            }
            case MTU_BLACK_HOLE -> local.impairments().dropOversized(true);
            case REPLAY_ERRORS -> local.impairments().failReplayCheck(true);
            case AUTH_ERRORS -> local.impairments().failIntegrityCheck(true);
            case SPI_DESYNC -> {
                f.staleSpi = remote.sa() == null ? 0 : remote.sa().spi();
                tunnel.rekey(remote, now, out);
                local.impairments().sendOnStaleSa(true);
            }
            case TUNNEL_INTERFACE_DOWN -> tunnel.interfaceState(local, false, out);
            case OSPF_ADJACENCY_DOWN -> ospf(local, remote, false, out);
            case FLAPPING -> tunnel.tearDown(true, now, out);
            case ROUTER_SILENT -> local.router().silent(true);
            default -> throw new IllegalStateException("no effect for " + this);
        }
    }

    void repair(ActiveFault f, Instant now, WireOutput out) {
        RouterTunnelEnd local = f.local();
        RouterTunnelEnd remote = f.remote();
        SimulatedTunnel tunnel = f.tunnel();
        switch (this) {
            case PEER_UNREACHABLE, IKE_PROPOSAL_MISMATCH, PSK_MISMATCH, TRANSFORM_SET_MISMATCH, PFS_MISMATCH,
                    CRYPTO_ACL_NOT_MIRRORED, PEER_NEVER_UP, FLAPPING -> tunnel.establish(now, out);
            case DECAPS_STALL -> remote.impairments().stopSending(false);
            case ENCAPS_STALL, NAT_WITHOUT_EXEMPTION -> local.impairments().stopSending(false);
            case MTU_BLACK_HOLE -> local.impairments().dropOversized(false);
            case REPLAY_ERRORS -> local.impairments().failReplayCheck(false);
            case AUTH_ERRORS -> local.impairments().failIntegrityCheck(false);
            case SPI_DESYNC -> {
                // clear crypto sa (or invalid-spi-recovery): both ends get fresh SAs again
                local.impairments().sendOnStaleSa(false);
                tunnel.rekey(now, out);
            }
            case TUNNEL_INTERFACE_DOWN -> tunnel.interfaceState(local, true, out);
            case OSPF_ADJACENCY_DOWN -> ospf(local, remote, true, out);
            case ROUTER_SILENT -> local.router().silent(false);
            default -> throw new IllegalStateException("no repair for " + this);
        }
    }

    /**
     * The messages the fault makes the routers send, once per symptom period while it is in force, and the failure
     * each such negotiation leaves in the router's failure tables (cikeFailTable, cipSecFailTable) with the reason
     * the MIB gives for it: only where the MIB has one that says what failed.
     */
    void symptoms(ActiveFault f, Instant now, WireOutput out) {
        RouterTunnelEnd local = f.local();
        RouterTunnelEnd remote = f.remote();
        String l = local.router().address();
        String r = local.peer();
        boolean v2 = SimulatedTunnel.ikev2(local);
        boolean farV2 = SimulatedTunnel.ikev2(remote);
        switch (this) {
            case PEER_UNREACHABLE -> FaultMessages.phaseOneRetransmits(v2, r, "MM_NO_STATE")
                    .forEach(m -> out.syslog(local.router(), m));
            case IKE_PROPOSAL_MISMATCH -> {
                FaultMessages.proposalRefused(v2, r).forEach(m -> out.syslog(local.router(), m));
                FaultMessages.proposalRefusedByPeer(farV2, l).forEach(m -> out.syslog(remote.router(), m));
                local.router().failures().phaseOneFailed(CIKE_PROPOSAL_FAILURE, l, r, now);
            }
            case PSK_MISMATCH -> {
                FaultMessages.keyMismatch(v2, r).forEach(m -> out.syslog(local.router(), m));
                local.router().failures().phaseOneFailed(CIKE_AUTH_FAILURE, l, r, now);
            }
            case TRANSFORM_SET_MISMATCH -> {
                out.syslog(local.router(), FaultMessages.ipsecProposalFailure(l, r));
                local.router().failures().phaseTwoFailed(CIPSEC_PROPOSAL_FAILURE, l, r, now);
            }
            case PFS_MISMATCH -> {
                FaultMessages.pfsMismatch(v2, r).forEach(m -> out.syslog(local.router(), m));
                local.router().failures().phaseTwoFailed(CIPSEC_PROPOSAL_FAILURE, l, r, now);
            }
            case CRYPTO_ACL_NOT_MIRRORED -> FaultMessages.proxyIdentities(v2, r)
                    .forEach(m -> out.syslog(local.router(), m));
            case REPLAY_ERRORS -> out.syslog(local.router(), CryptoMessages.replayError(connectionId(local),
                    local.sa() == null ? 0 : local.sa().inPkts() % 100_000));
            case AUTH_ERRORS -> out.syslog(local.router(), FaultMessages.macError(connectionId(local)));
            case SPI_DESYNC -> out.syslog(remote.router(), CryptoMessages.invalidSpi(r, l, f.staleSpi,
                    "GigabitEthernet1"));
            default -> {
                // the others show in counters, rows, traps or silence only
            }
        }
    }

    /** Both ends log the adjacency over their own tunnel interface; the neighbour is the far router's id. */
    private static void ospf(RouterTunnelEnd local, RouterTunnelEnd remote, boolean full, WireOutput out) {
        for (RouterTunnelEnd end : new RouterTunnelEnd[] {local, remote}) {
            RouterTunnelEnd far = end == local ? remote : local;
            String neighbor = far.router().address();
            out.syslog(end.router(), full ? RoutingMessages.ospfFull(neighbor, end.tunnelId())
                    : RoutingMessages.ospfDown(neighbor, end.tunnelId()));
        }
    }

    private static int connectionId(RouterTunnelEnd end) {
        return end.sa() == null ? 0 : 2000 + end.sa().tunIndex();
    }
}
