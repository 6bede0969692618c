package io.tunnelwatch.simulator.tunnel;

/**
 * What faults currently do to one tunnel end's traffic. Each is a count of the faults asking for it, so two
 * overlapping faults and their repairs compose.
 */
public final class Impairments {

    private int notSending;
    private int staleOutboundSa;
    private int mtuDrops;
    private int replayErrors;
    private int authErrors;

    /** This end puts no traffic into the tunnel (nothing routed in, crypto ACL not matched, far side silent). */
    public void stopSending(boolean on) {
        notSending += on ? 1 : -1;
    }

    /** This end still encrypts with an SA the far end deleted at a rekey: the far end drops it as invalid SPI. */
    public void sendOnStaleSa(boolean on) {
        staleOutboundSa += on ? 1 : -1;
    }

    /** Oversized packets from this end are dropped before they leave (MTU black hole). */
    public void dropOversized(boolean on) {
        mtuDrops += on ? 1 : -1;
    }

    /** Packets arriving at this end fail the anti-replay check. */
    public void failReplayCheck(boolean on) {
        replayErrors += on ? 1 : -1;
    }

    /** Packets arriving at this end fail the HMAC check (and so decryption). */
    public void failIntegrityCheck(boolean on) {
        authErrors += on ? 1 : -1;
    }

    public boolean sending() {
        return notSending <= 0;
    }

    public boolean onStaleSa() {
        return staleOutboundSa > 0;
    }

    boolean droppingOversized() {
        return mtuDrops > 0;
    }

    boolean failingReplay() {
        return replayErrors > 0;
    }

    boolean failingIntegrity() {
        return authErrors > 0;
    }
}
