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
        Counters deltas) {

    public static final int VERSION = 1;

    public CounterSample {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(polledAt, "polledAt");
        totals = totals == null ? Counters.ZERO : totals;
        deltas = deltas == null ? Counters.ZERO : deltas;
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
