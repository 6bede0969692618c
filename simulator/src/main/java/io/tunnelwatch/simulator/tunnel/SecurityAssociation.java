package io.tunnelwatch.simulator.tunnel;

import java.time.Instant;

/**
 * One IPsec SA pair of a tunnel end, as a cipSecTunnelTable row (CISCO-IPSEC-FLOW-MONITOR-MIB cipSecTunnelEntry)
 * shows it. The counters are kept as 64-bit totals; the agent serves the Counter32
 * columns modulo 2^32 and the HC octet columns as they are. A new SA starts at 0; the SAs a simulation starts with
 * have been up for a while, and {@link #preloaded} puts their counters close to 2^32 so a short run sees wraps.
 */
public final class SecurityAssociation {

    private final int tunIndex;
    private final int ikeIndex;
    private final Instant createdAt;
    private final long spi;
    long inPkts;
    long outPkts;
    long inOctets;
    long outOctets;
    long inDrops;
    long outDrops;
    long inReplayDrops;
    long inAuthFails;
    long inDecryptFails;
    long outEncryptFails;

    SecurityAssociation(int tunIndex, int ikeIndex, Instant createdAt, long spi) {
        this.tunIndex = tunIndex;
        this.ikeIndex = ikeIndex;
        this.createdAt = createdAt;
        this.spi = spi;
    }

    /** Counters of an SA that has carried {@code headroom} short of 2^32 packets and octets each way. */
    void preload(long headroom) {
        long start = (1L << 32) - headroom;
        inPkts = start;
        outPkts = start + headroom / 2;
        inOctets = start;
        outOctets = start + headroom / 4;
    }

    /** cipSecTunIndex. */
    public int tunIndex() {
        return tunIndex;
    }

    /** cipSecTunIkeTunnelIndex: the cikeTunnelTable row this SA was negotiated under. */
    public int ikeIndex() {
        return ikeIndex;
    }

    /** When the SA was installed (wall clock: cipSecTunActiveTime counts from here). */
    public Instant createdAt() {
        return createdAt;
    }

    /** The inbound SPI, as RECVD_PKT_INV_SPI shows it. */
    public long spi() {
        return spi;
    }

    public long inPkts() {
        return inPkts;
    }

    public long outPkts() {
        return outPkts;
    }

    public long inOctets() {
        return inOctets;
    }

    public long outOctets() {
        return outOctets;
    }

    public long inDrops() {
        return inDrops;
    }

    public long outDrops() {
        return outDrops;
    }

    public long inReplayDrops() {
        return inReplayDrops;
    }

    public long inAuthFails() {
        return inAuthFails;
    }

    public long inDecryptFails() {
        return inDecryptFails;
    }

    public long outEncryptFails() {
        return outEncryptFails;
    }
}
