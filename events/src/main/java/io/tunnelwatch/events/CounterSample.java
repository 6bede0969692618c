package io.tunnelwatch.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * One SNMP poll of one peer: counters summed over the peer's live IPsec SA rows of cipSecTunnelTable
 * (CISCO-IPSEC-FLOW-MONITOR-MIB), with the deltas since the previous poll computed per SA row, so a rekey or a
 * Counter32 wrap never shows as a negative delta. The value of {@code tunnelwatch.counters}, keyed by {@link PeerKey}.
 *
 * @param saCount      live IPsec SA rows for this peer; 0 means "no SA" for a peer the inventory expects
 * @param deviceAnswered false when the device did not answer the poll at all
 * @param tunnelMtu    IF-MIB ifMtu of the peer's tunnel interface (the one whose TUNNEL-MIB remote endpoint is the
 *                     peer): the interface MTU, which on IOS-XE is not the {@code ip mtu} of the tunnel; 0 when no
 *                     tunnel interface leads to the peer (crypto map) or the agent did not say
 * @param tunnelInterface the peer's tunnel interface ({@code Tunnel7}): the inventory's {@code tunnel}, else the
 *                     interface whose TUNNEL-MIB remote endpoint is the peer; null when neither tells
 * @param sourceInterface the interface the tunnel is sourced from: the inventory's {@code sourceInterface}, else the
 *                     interface holding the tunnel's TUNNEL-MIB local address (IP-MIB ipAdEntIfIndex); null when
 *                     neither tells
 */
public record CounterSample(
        int v,
        String device,
        String peer,
        Instant polledAt,
        boolean deviceAnswered,
        int saCount,
        String ikeStatus,
        String ipsecStatus,
        Counters totals,
        Counters deltas,
        int tunnelMtu,
        String tunnelInterface,
        String sourceInterface) {

    public static final int VERSION = 1;

    public CounterSample {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(polledAt, "polledAt");
        totals = totals == null ? Counters.ZERO : totals;
        deltas = deltas == null ? Counters.ZERO : deltas;
        tunnelMtu = Math.max(0, tunnelMtu);
    }

    /** A sample without a tunnel MTU. */
    public CounterSample(int v, String device, String peer, Instant polledAt, boolean deviceAnswered, int saCount,
                         String ikeStatus, String ipsecStatus, Counters totals, Counters deltas) {
        this(v, device, peer, polledAt, deviceAnswered, saCount, ikeStatus, ipsecStatus, totals, deltas, 0);
    }

    /** A sample without the names of the peer's interfaces. */
    public CounterSample(int v, String device, String peer, Instant polledAt, boolean deviceAnswered, int saCount,
                         String ikeStatus, String ipsecStatus, Counters totals, Counters deltas, int tunnelMtu) {
        this(v, device, peer, polledAt, deviceAnswered, saCount, ikeStatus, ipsecStatus, totals, deltas, tunnelMtu,
                null, null);
    }

    /** This sample with the ifMtu of the peer's tunnel interface. */
    public CounterSample withTunnelMtu(int mtu) {
        return new CounterSample(v, device, peer, polledAt, deviceAnswered, saCount, ikeStatus, ipsecStatus, totals,
                deltas, mtu, tunnelInterface, sourceInterface);
    }

    /** This sample with the names of the peer's tunnel interface and tunnel source interface (either may be null). */
    public CounterSample withInterfaces(String tunnel, String source) {
        return new CounterSample(v, device, peer, polledAt, deviceAnswered, saCount, ikeStatus, ipsecStatus, totals,
                deltas, tunnelMtu, tunnel, source);
    }

    @JsonIgnore
    public PeerKey key() {
        return new PeerKey(device, peer);
    }

    /** The per-peer counters of cipSecTunnelTable that the detectors read. */
    public record Counters(
            long inPkts,
            long outPkts,
            long inOctets,
            long outOctets,
            long inDropPkts,
            long outDropPkts,
            long inReplayDropPkts,
            long inAuthFails,
            long inDecryptFails,
            long outEncryptFails) {

        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
