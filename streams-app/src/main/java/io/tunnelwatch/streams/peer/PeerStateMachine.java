package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The per-peer state machine behind docs/runbook.md's layers, as a pure function: prior state + event or counter sample
 * → next state.
 * No Kafka types, no clock: time comes from the event's receive time or the sample's poll time. Alerts are not
 * decided here (see {@code .detect} and {@code .alert}); this class only records what the router said.
 */
public final class PeerStateMachine {

    /**
     * Event fields that name the tunnel source interface and the crypto ACL, when a message or the inventory tells,
     * and the tunnel interface, when the inventory tells.
     */
    public static final String SOURCE_INTERFACE_FIELD = "source_interface";
    public static final String CRYPTO_ACL_FIELD = "crypto_acl";
    public static final String TUNNEL_INTERFACE_FIELD = "tunnel_interface";
    /** The IKE status the poller reports for a peer with an active cikeTunnelTable row (cikeTunStatus active(1)). */
    static final String IKE_ROW_ACTIVE = "active";

    /** The state after {@code event}; {@code prior} may be null for a peer not seen before. */
    public PeerState apply(PeerState prior, TunnelEvent event) {
        PeerState state = prior != null ? prior : PeerState.unknown(event.device(), event.peer());
        Instant at = event.receivedAt();
        PeerState.Builder next = state.toBuilder()
                .lastEvent(at, event.mnemonic())
                .event(new Evidence(at, event.kind().name(), event.mnemonic(), event.text()));
        IkeVersion version = event.ikeVersion() == IkeVersion.UNKNOWN ? state.ikeVersion() : event.ikeVersion();
        next.ikeVersion(version);
        String natField = event.fields().get("nat_t");
        if (natField != null) {
            next.natT(Boolean.parseBoolean(natField));
        }
        recordFacts(next, event);
        applyKind(next, state, event, version);
        return withPhase(next, at);
    }

    /** The state after a poll; a poll the device did not answer says nothing about the peer. */
    public PeerState apply(PeerState prior, CounterSample sample) {
        PeerState state = prior != null ? prior : PeerState.unknown(sample.device(), sample.peer());
        if (!sample.deviceAnswered()) {
            return state;
        }
        Instant at = sample.polledAt();
        PeerState.Builder next = state.toBuilder().lastEventAt(at).sample(sample);
        recordFacts(next, sample);
        if (olderThanStates(state, at)) {
            // A poll taken before the last change a message or trap reported (it reached the tracker late)
            // brings its counters, not its older view of the SAs.
            return withPhase(next, at);
        }
        // SNMP tables drop a tunnel that is down, so zero rows is a real "no SA"
        // (docs/metrics.md#peer-counters-what-they-count).
        setIpsec(next, state, sample.saCount() > 0 ? IpsecState.UP : IpsecState.NO_SA, at);
        // An SA row, or an active cikeTunnelTable row, means phase 1 is up whatever syslog said last: the far end of
        // a phase-2 mismatch logs its session DOWN yet keeps its IKE SA (docs/runbook.md#ipsec-layer: IKE up, no IPsec
        // SA).
        if ((sample.saCount() > 0 || IKE_ROW_ACTIVE.equals(sample.ikeStatus())) && !next.ike().state().isUp()) {
            next.ike(next.ike().enter(IkeState.established(state.ikeVersion()), at));
        }
        return withPhase(next, at);
    }

    private static boolean olderThanStates(PeerState state, Instant polledAt) {
        Instant ike = state.ike().since();
        Instant ipsec = state.ipsec().since();
        return ike != null && polledAt.isBefore(ike) || ipsec != null && polledAt.isBefore(ipsec);
    }

    private void applyKind(PeerState.Builder next, PeerState state, TunnelEvent event, IkeVersion version) {
        Instant at = event.receivedAt();
        switch (event.kind()) {
            case SESSION_UP, IPSEC_SA_UP -> {
                enterIkeUnlessUp(next, IkeState.established(version), at);
                setIpsec(next, state, IpsecState.UP, at);
            }
            case SESSION_DOWN, IKE_SA_DOWN -> {
                downUnlessDown(next, at);
                setIpsec(next, state, IpsecState.NO_SA, at);
            }
            case IKE_SA_UP -> enterIkeUnlessUp(next, IkeState.established(version), at);
            case IKE_STATE -> {
                IkeState parsed = IkeState.parse(event.fields().get("state"));
                if (parsed != IkeState.UNKNOWN) {
                    next.ike(next.ike().enter(parsed, at));
                }
            }
            case IKE_RETRANSMIT -> next.ike(next.ike().retransmitted(at));
            case IKE_NEW_SA, IKE_PROPOSAL_ACCEPTED -> startNegotiationUnlessActive(next, version, at);
            case IKE_PROPOSAL_REJECTED, IKE_ATTRIBUTES_NOT_OFFERED, IKE_AUTH_FAILED, IKE_BAD_MESSAGE,
                 IKE_NOT_ENCRYPTED, IKE_NO_SA, IKE_MODE_FAILURE, IKE_AGGRESSIVE_MODE_DISABLED,
                 IKE_KEY_LOOKUP_FAILED, IKE_NEGOTIATION_ABORTED, IKE_FAILURE -> {
                startNegotiationUnlessActive(next, version, at);
                next.ike(next.ike().failed(event.kind(), at));
            }
            case IPSEC_SETUP_FAILED, PROXY_IDENTITIES_REJECTED -> {
                // Phase 2 is negotiated inside an IKE SA: a phase-2 failure means phase 1 is up, unless the router
                // said otherwise (a session down may arrive before or after by another path).
                if (next.ike().state() == IkeState.UNKNOWN) {
                    next.ike(next.ike().enter(IkeState.established(version), at));
                }
                String reason = event.fields().getOrDefault("fail_reason", event.text());
                next.ipsec(next.ipsec().failed(event.kind(), reason, at));
            }
            case CRYPTO_SOCKET_UP -> {
                enterIkeUnlessUp(next, IkeState.established(version), at);
                setIpsec(next, state, IpsecState.UP, at);
            }
            case CRYPTO_SOCKET_DOWN -> setIpsec(next, state, IpsecState.NO_SA, at);
            case ROUTING_ADJACENCY_DOWN -> adjacency(next, event, false);
            case ROUTING_ADJACENCY_UP -> adjacency(next, event, true);
            // IOS disables the tunnel interface for a while; the line-protocol message that follows says so too.
            case TUNNEL_RECURSIVE_ROUTING, TUNNEL_INTERFACE_DOWN -> setTunnel(next, state, event, false);
            case TUNNEL_INTERFACE_UP -> setTunnel(next, state, event, true);
            case UNDERLAY_PROBE_FAILED -> next.probeFailing(true);
            case UNDERLAY_PROBE_OK -> next.probeFailing(false);
            // Healthy or evidence-only: a rekey follows an expiry; IPsec SA traps are per SA row and a rekey
            // stops the old row while the new one runs, so only SESSION_STATUS and the polled row count say "no
            // SA"; data-plane errors are judged by the detectors from the evidence and the counters.
            // ESP from the peer on an SPI means the peer holds an SA, so IKE completed; a state already known
            // (a session reported down) is the router's newer word and stays.
            case INVALID_SPI, REPLAY_ERROR, AUTH_ERROR -> {
                if (next.ike().state() == IkeState.UNKNOWN) {
                    next.ike(next.ike().enter(IkeState.established(version), at));
                }
            }
            case IKE_SA_EXPIRED, IPSEC_SA_DOWN, ISAKMP_STATUS,
                 IPSEC_FAILURE, CLEARTEXT_RECEIVED, CRYPTO_OTHER -> {
            }
        }
    }

    /**
     * A session down or IKE SA down ends an IKE SA that was up (or not yet known); when phase 1 is down already, it
     * reports the same outage, often late and by another path (a trap reaches the tracker after the syslog lines, or
     * the other way round), and the router's newer word on it (MM_NO_STATE retransmitted, a key exchange failing)
     * stays: the peer's state must not depend on which path was faster.
     */
    private static void downUnlessDown(PeerState.Builder next, Instant at) {
        IkeState s = next.ike().state();
        if (s.isUp() || s == IkeState.UNKNOWN) {
            next.ike(next.ike().enter(IkeState.NO_SA, at));
        }
    }

    private static void enterIkeUnlessUp(PeerState.Builder next, IkeState up, Instant at) {
        if (!next.ike().state().isUp()) {
            next.ike(next.ike().enter(up, at));
        }
    }

    /** A negotiation is visible: keep an exact state we already know, else assume mid-negotiation. */
    private static void startNegotiationUnlessActive(PeerState.Builder next, IkeVersion version, Instant at) {
        IkeState s = next.ike().state();
        if (s == IkeState.UNKNOWN || s == IkeState.NO_SA || s == IkeState.DELETED) {
            next.ike(next.ike().enter(IkeState.negotiating(version), at));
        }
    }

    private static void setIpsec(PeerState.Builder next, PeerState state, IpsecState s, Instant at) {
        IpsecState before = state.ipsec().state();
        next.ipsec(next.ipsec().enter(s, at));
        // A first sight of a peer going down is a down too, so its coming back completes a cycle.
        boolean firstDown = before == IpsecState.UNKNOWN && s == IpsecState.NO_SA;
        if (firstDown || (before == IpsecState.UP) != (s == IpsecState.UP)) {
            next.upDown(new UpDown(at, s == IpsecState.UP));
        }
    }

    private static void setTunnel(PeerState.Builder next, PeerState state, TunnelEvent event, boolean up) {
        String name = event.fields().get("interface");
        if (name == null && state.tunnel() != null) {
            name = state.tunnel().name();
        }
        boolean same = state.tunnel() != null && state.tunnel().up() == up;
        next.tunnel(new PeerState.TunnelInterface(name, up, same ? state.tunnel().since() : event.receivedAt()));
    }

    private static void adjacency(PeerState.Builder next, TunnelEvent event, boolean up) {
        Map<String, String> f = event.fields();
        next.adjacency(new RoutingAdjacency(f.get("protocol"), f.get("neighbor"), f.get("interface"), up,
                event.receivedAt(), f.get("reason")));
    }

    private static void recordFacts(PeerState.Builder next, TunnelEvent event) {
        String src = event.fields().get(SOURCE_INTERFACE_FIELD);
        if (src != null) {
            next.sourceInterface(src);
        }
        String acl = event.fields().get(CRYPTO_ACL_FIELD);
        if (acl != null) {
            next.cryptoAcl(acl);
        }
        String tunnel = event.fields().get(TUNNEL_INTERFACE_FIELD);
        if (tunnel != null) {
            next.tunnelName(tunnel);
        }
    }

    /** What a poll learned of the peer's interfaces; the collector has put the inventory's names over it already. */
    private static void recordFacts(PeerState.Builder next, CounterSample sample) {
        if (sample.sourceInterface() != null) {
            next.sourceInterface(sample.sourceInterface());
        }
        if (sample.tunnelInterface() != null) {
            next.tunnelName(sample.tunnelInterface());
        }
    }

    private static PeerState withPhase(PeerState.Builder next, Instant at) {
        PeerState draft = next.build();
        return next.phase(phaseOf(draft), at).build();
    }

    /** The phase codes of {@link PeerPhase} from the two SAs and the last poll's deltas. */
    static PeerPhase phaseOf(PeerState s) {
        if (s.ipsec().state() == IpsecState.UP) {
            List<CounterDelta> d = s.recentDeltas();
            boolean bothWays = !d.isEmpty() && d.get(d.size() - 1).encaps() > 0 && d.get(d.size() - 1).decaps() > 0;
            return bothWays ? PeerPhase.PASSING_TRAFFIC : PeerPhase.IPSEC_UP;
        }
        IkeState ike = s.ike().state();
        if (ike.isUp()) {
            return PeerPhase.IKE_UP;
        }
        if (ike.isAwaitingFirstAnswer() || ike.isMidNegotiation()) {
            return PeerPhase.IKE_NEGOTIATING;
        }
        if (ike == IkeState.NO_SA || ike == IkeState.DELETED || s.ipsec().state() == IpsecState.NO_SA) {
            return PeerPhase.DOWN;
        }
        return PeerPhase.UNKNOWN;
    }
}
