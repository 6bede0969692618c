package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What tunnelwatch knows about one tunnel peer of one router (docs/architecture.md#topology-state-stores-and-timers);
 * the value of the
 * {@code peer-state} store and of the compacted {@code tunnelwatch.peer-state} topic. Readers ignore unknown fields.
 * Every list is bounded, so a chatty peer cannot grow its state.
 *
 * @param phase           how far the tunnel is up ({@code tunnelwatch_peer_phase})
 * @param phaseSince      when it entered that phase (collector receive time)
 * @param ikeVersion      the IKE version last seen
 * @param natT            whether the peer was last seen on UDP 4500 (NAT traversal, docs/runbook.md#nat-t-layer)
 * @param lastEventAt     receive time of the last event or sample
 * @param lastMnemonic    mnemonic of the last event, for evidence
 * @param ike             phase 1
 * @param ipsec           phase 2
 * @param lastSample      the last SNMP poll of the peer, totals and deltas
 * @param recentDeltas    the deltas of the last {@link #MAX_DELTAS} polls, oldest first
 * @param tunnel          the SVTI tunnel interface, when a message named it
 * @param sourceInterface the tunnel source interface, as the inventory names it, else a poll learned it (TUNNEL-MIB
 *                        local address → IP-MIB) or a message named it
 * @param cryptoAcl       the crypto ACL, as the inventory or a message names it
 * @param tunnelName      the tunnel interface to the peer ({@code Tunnel7}) as the inventory names it, else a poll
 *                        learned it (TUNNEL-MIB remote endpoint); null when neither tells (a message naming the
 *                        interface sets {@code tunnel})
 * @param probeFailing    whether the last IP SLA probe to the peer failed; null when never seen
 * @param upDowns         the last {@link #MAX_UP_DOWNS} times the IPsec SA went up or down, oldest first
 * @param recentEvents    the last {@link #MAX_EVENTS} events by receive time, oldest first
 * @param farEnd          what the far end of the tunnel last reported, when both ends are monitored routers; null
 *                        otherwise
 * @param openAlert       the alert open on this peer, or null
 * @param nextCheckAt     when a timer of this peer is due (its entry in the deadline index), or null
 * @param milestones      the peer's timeline, oldest first: its last {@link #MAX_PHASE_CHANGES} phase changes and
 *                        its last {@link #MAX_ALERT_STEPS} alerts opened or resolved; empty in a state written before
 *                        it was kept
 * @param adjacencies     the routing adjacencies over the peer's tunnel (OSPF, EIGRP, BGP, NHRP) as their last
 *                        message told, at most {@link #MAX_ADJACENCIES}; empty in a state written before they were kept
 */
public record PeerState(
        int v,
        String device,
        String peer,
        PeerPhase phase,
        Instant phaseSince,
        IkeVersion ikeVersion,
        boolean natT,
        Instant lastEventAt,
        String lastMnemonic,
        IkeStatus ike,
        IpsecStatus ipsec,
        CounterSample lastSample,
        List<CounterDelta> recentDeltas,
        TunnelInterface tunnel,
        String sourceInterface,
        String cryptoAcl,
        String tunnelName,
        Boolean probeFailing,
        List<UpDown> upDowns,
        List<Evidence> recentEvents,
        TunnelEnd farEnd,
        OpenAlert openAlert,
        Instant nextCheckAt,
        List<Milestone> milestones,
        List<RoutingAdjacency> adjacencies) {

    public static final int VERSION = 2;
    public static final int MAX_EVENTS = 20;
    public static final int MAX_DELTAS = 6;
    public static final int MAX_UP_DOWNS = 16;
    public static final int MAX_PHASE_CHANGES = 8;
    public static final int MAX_ALERT_STEPS = 8;
    public static final int MAX_ADJACENCIES = 8;

    public PeerState {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        phase = phase == null ? PeerPhase.UNKNOWN : phase;
        ikeVersion = ikeVersion == null ? IkeVersion.UNKNOWN : ikeVersion;
        ike = ike == null ? IkeStatus.UNKNOWN : ike;
        ipsec = ipsec == null ? IpsecStatus.UNKNOWN : ipsec;
        recentDeltas = recentDeltas == null ? List.of() : List.copyOf(recentDeltas);
        upDowns = upDowns == null ? List.of() : List.copyOf(upDowns);
        recentEvents = recentEvents == null ? List.of() : List.copyOf(recentEvents);
        // A timeline read from the store stays undecoded until read (EncodedTimeline, immutable like a copy).
        milestones = milestones == null ? List.of()
                : milestones instanceof EncodedTimeline ? milestones : List.copyOf(milestones);
        adjacencies = adjacencies == null ? List.of() : List.copyOf(adjacencies);
    }

    /**
     * Equal when every component is, as a record's own equals would say, but compared by hand: the tracker asks on
     * every input whether a step changed the state, and on Java 17 the generated equals of a record of this many
     * components runs as a chain of method handles too deep to inline
     * (docs/performance.md#equals-by-hand-punctuations-on-the-second).
     * The components a step most often changes, and those a step passes on as the same object, come first.
     * {@code PeerStateEqualsTest} holds it to the record's rule, component by component. The generated hashCode
     * stays: it hashes every component, so equal states hash alike.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof PeerState other
                && Objects.equals(lastEventAt, other.lastEventAt)
                && Objects.equals(nextCheckAt, other.nextCheckAt)
                && phase == other.phase
                && natT == other.natT
                && ikeVersion == other.ikeVersion
                && v == other.v
                && Objects.equals(lastSample, other.lastSample)
                && Objects.equals(recentEvents, other.recentEvents)
                && Objects.equals(recentDeltas, other.recentDeltas)
                && Objects.equals(upDowns, other.upDowns)
                && Objects.equals(ike, other.ike)
                && Objects.equals(ipsec, other.ipsec)
                && Objects.equals(openAlert, other.openAlert)
                && Objects.equals(phaseSince, other.phaseSince)
                && Objects.equals(lastMnemonic, other.lastMnemonic)
                && Objects.equals(farEnd, other.farEnd)
                && Objects.equals(tunnel, other.tunnel)
                && Objects.equals(probeFailing, other.probeFailing)
                && Objects.equals(milestones, other.milestones)
                && Objects.equals(adjacencies, other.adjacencies)
                && Objects.equals(sourceInterface, other.sourceInterface)
                && Objects.equals(cryptoAcl, other.cryptoAcl)
                && Objects.equals(tunnelName, other.tunnelName)
                && device.equals(other.device)
                && peer.equals(other.peer);
    }

    /** A peer seen for the first time. */
    public static PeerState unknown(String device, String peer) {
        return new Builder(device, peer).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The SVTI tunnel interface (docs/runbook.md#routing-layer, route-based): its name and line-protocol status. */
    public record TunnelInterface(String name, boolean up, Instant since) {
    }

    /**
     * Builds the next state of a peer; the machine and the alert lifecycle each change a few parts. Its lists are the
     * state's own (immutable) until a change copies one, so the lists a step leaves alone pass to the next state
     * without a copy (docs/performance.md#the-engine-under-the-load-harness-profile).
     */
    public static final class Builder {
        private final String device;
        private final String peer;
        private PeerPhase phase = PeerPhase.UNKNOWN;
        private Instant phaseSince;
        private IkeVersion ikeVersion = IkeVersion.UNKNOWN;
        private boolean natT;
        private Instant lastEventAt;
        private String lastMnemonic;
        private IkeStatus ike = IkeStatus.UNKNOWN;
        private IpsecStatus ipsec = IpsecStatus.UNKNOWN;
        private CounterSample lastSample;
        private List<CounterDelta> recentDeltas = List.of();
        private TunnelInterface tunnel;
        private String sourceInterface;
        private String cryptoAcl;
        private String tunnelName;
        private Boolean probeFailing;
        private List<UpDown> upDowns = List.of();
        private List<Evidence> recentEvents = List.of();
        private TunnelEnd farEnd;
        private OpenAlert openAlert;
        private Instant nextCheckAt;
        private List<Milestone> milestones = List.of();
        private List<RoutingAdjacency> adjacencies = List.of();

        private Builder(String device, String peer) {
            this.device = device;
            this.peer = peer;
        }

        private Builder(PeerState s) {
            this(s.device, s.peer);
            phase = s.phase;
            phaseSince = s.phaseSince;
            ikeVersion = s.ikeVersion;
            natT = s.natT;
            lastEventAt = s.lastEventAt;
            lastMnemonic = s.lastMnemonic;
            ike = s.ike;
            ipsec = s.ipsec;
            lastSample = s.lastSample;
            recentDeltas = s.recentDeltas;
            tunnel = s.tunnel;
            sourceInterface = s.sourceInterface;
            cryptoAcl = s.cryptoAcl;
            tunnelName = s.tunnelName;
            probeFailing = s.probeFailing;
            upDowns = s.upDowns;
            recentEvents = s.recentEvents;
            farEnd = s.farEnd;
            openAlert = s.openAlert;
            nextCheckAt = s.nextCheckAt;
            milestones = s.milestones;
            adjacencies = s.adjacencies;
        }

        public IkeStatus ike() {
            return ike;
        }

        public IpsecStatus ipsec() {
            return ipsec;
        }

        public IkeVersion ikeVersion() {
            return ikeVersion;
        }

        public List<CounterDelta> recentDeltas() {
            return recentDeltas;
        }

        /**
         * Sets the phase, keeping its since-when when it does not change; a change goes to the timeline with the
         * message or poll of that moment, when there is one.
         */
        public Builder phase(PeerPhase next, Instant at) {
            if (next != phase || phaseSince == null) {
                if (next != phase) {
                    milestone(new Milestone(at, Milestone.Kind.PHASE, next.name(), phase.name(), lineAt(at)));
                }
                phase = next;
                phaseSince = at;
            }
            return this;
        }

        public Builder ikeVersion(IkeVersion v) {
            ikeVersion = v;
            return this;
        }

        public Builder natT(boolean v) {
            natT = v;
            return this;
        }

        public Builder lastEvent(Instant at, String mnemonic) {
            lastEventAt = at;
            lastMnemonic = mnemonic;
            return this;
        }

        public Builder lastEventAt(Instant at) {
            lastEventAt = at;
            return this;
        }

        public Builder ike(IkeStatus v) {
            ike = v;
            return this;
        }

        public Builder ipsec(IpsecStatus v) {
            ipsec = v;
            return this;
        }

        public Builder sample(CounterSample sample) {
            lastSample = sample;
            recentDeltas = appendBounded(recentDeltas, CounterDelta.of(sample), MAX_DELTAS);
            return this;
        }

        public Builder tunnel(TunnelInterface v) {
            tunnel = v;
            return this;
        }

        public Builder sourceInterface(String v) {
            sourceInterface = v;
            return this;
        }

        public Builder cryptoAcl(String v) {
            cryptoAcl = v;
            return this;
        }

        public Builder tunnelName(String v) {
            tunnelName = v;
            return this;
        }

        public Builder probeFailing(Boolean v) {
            probeFailing = v;
            return this;
        }

        public Builder upDown(UpDown v) {
            upDowns = appendBounded(upDowns, v, MAX_UP_DOWNS);
            return this;
        }

        /**
         * Adds an event where its time puts it: events reach the tracker in publishing order, which is not always
         * the order they were received in (a trap and a syslog line of the same moment take different listeners).
         * Equal times keep their arrival order; when the list is full, the oldest goes, even if it is this one.
         */
        public Builder event(Evidence v) {
            recentEvents = mutable(recentEvents);
            int at = recentEvents.size();
            while (at > 0 && v.at() != null && recentEvents.get(at - 1).at() != null
                    && recentEvents.get(at - 1).at().isAfter(v.at())) {
                at--;
            }
            recentEvents.add(at, v);
            while (recentEvents.size() > MAX_EVENTS) {
                recentEvents.remove(0);
            }
            return this;
        }

        public Builder farEnd(TunnelEnd v) {
            farEnd = v;
            return this;
        }

        public Builder openAlert(OpenAlert v) {
            openAlert = v;
            return this;
        }

        public Builder nextCheckAt(Instant v) {
            nextCheckAt = v;
            return this;
        }

        /**
         * Records what a message said of one adjacency: replaces that adjacency (same protocol and neighbour), keeping
         * its since-when when its state did not change; when the list is full, the adjacency heard of longest ago
         * goes.
         */
        public Builder adjacency(RoutingAdjacency v) {
            adjacencies = mutable(adjacencies);
            for (int i = 0; i < adjacencies.size(); i++) {
                RoutingAdjacency old = adjacencies.get(i);
                if (old.sameAs(v.protocol(), v.neighbor())) {
                    adjacencies.remove(i);
                    if (old.up() == v.up()) {
                        v = new RoutingAdjacency(v.protocol(), v.neighbor(),
                                v.iface() != null ? v.iface() : old.iface(), v.up(), old.since(), v.reason());
                    }
                    break;
                }
            }
            adjacencies.add(v);
            while (adjacencies.size() > MAX_ADJACENCIES) {
                adjacencies.remove(0);
            }
            return this;
        }

        /** Adds to the timeline; when its kind's share is full, that kind's oldest entry goes. */
        public Builder milestone(Milestone v) {
            milestones = mutable(milestones);
            milestones.add(v);
            boolean alertStep = v.kind().isAlertStep();
            int max = alertStep ? MAX_ALERT_STEPS : MAX_PHASE_CHANGES;
            int ofKind = 0;
            for (Milestone m : milestones) {
                if (m.kind().isAlertStep() == alertStep) {
                    ofKind++;
                }
            }
            if (ofKind > max) {
                for (int i = 0; i < milestones.size(); i++) {
                    if (milestones.get(i).kind().isAlertStep() == alertStep) {
                        milestones.remove(i);
                        break;
                    }
                }
            }
            return this;
        }

        /** The newest event, else the newest poll, received at {@code at}: what moved the phase. */
        private List<String> lineAt(Instant at) {
            if (at == null) {
                return List.of();
            }
            for (int i = recentEvents.size() - 1; i >= 0; i--) {
                if (at.equals(recentEvents.get(i).at())) {
                    return List.of(recentEvents.get(i).line());
                }
            }
            for (int i = recentDeltas.size() - 1; i >= 0; i--) {
                if (at.equals(recentDeltas.get(i).at())) {
                    return List.of(recentDeltas.get(i).line());
                }
            }
            return List.of();
        }

        public PeerState build() {
            PeerState built = new PeerState(VERSION, device, peer, phase, phaseSince, ikeVersion, natT, lastEventAt,
                    lastMnemonic, ike, ipsec, lastSample, recentDeltas, tunnel, sourceInterface, cryptoAcl,
                    tunnelName, probeFailing, upDowns, recentEvents, farEnd, openAlert, nextCheckAt, milestones, adjacencies);
            // The state's immutable copies stand in for the lists changed so far: another build passes them on.
            recentDeltas = built.recentDeltas;
            upDowns = built.upDowns;
            recentEvents = built.recentEvents;
            milestones = built.milestones;
            adjacencies = built.adjacencies;
            return built;
        }

        /** The list itself when this builder already copied it, else a copy it may change. */
        private static <T> List<T> mutable(List<T> list) {
            return list instanceof ArrayList<T> ? list : new ArrayList<>(list);
        }

        private static <T> List<T> appendBounded(List<T> list, T item, int max) {
            List<T> changed = mutable(list);
            changed.add(item);
            while (changed.size() > max) {
                changed.remove(0);
            }
            return changed;
        }
    }
}
