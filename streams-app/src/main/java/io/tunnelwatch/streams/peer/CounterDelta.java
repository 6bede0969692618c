package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import java.time.Instant;

/**
 * The per-interval deltas of one poll, compact (docs/metrics.md#peer-counters-what-they-count): what the traffic
 * detectors compare over the
 * last few samples. Encaps = packets out through the SA, decaps = packets in.
 *
 * @param drops     packets dropped either way (cipSecTunInDropPkts + cipSecTunOutDropPkts)
 * @param outDrops  of those, the ones dropped on the way out (cipSecTunOutDropPkts)
 * @param inOctets  octets in (cipSecTunInOctets): with decaps, the average size of the packets received
 * @param outOctets octets out (cipSecTunOutOctets): with encaps, the average size of the packets sent
 */
public record CounterDelta(Instant at, int saCount, long encaps, long decaps, long replayDrops, long authFails,
                           long decryptFails, long drops, long outDrops, long inOctets, long outOctets) {

    public static CounterDelta of(CounterSample sample) {
        CounterSample.Counters d = sample.deltas();
        return new CounterDelta(sample.polledAt(), sample.saCount(), d.outPkts(), d.inPkts(), d.inReplayDropPkts(),
                d.inAuthFails(), d.inDecryptFails(), d.inDropPkts() + d.outDropPkts(), d.outDropPkts(),
                d.inOctets(), d.outOctets());
    }

    /**
     * The poll's deltas this was made of ({@link #of}), given the one counter a delta does not keep: what the peer
     * state's binary form writes in place of a last poll's deltas when they are its last delta's.
     */
    CounterSample.Counters counters(long outEncryptFails) {
        return new CounterSample.Counters(decaps, encaps, inOctets, outOctets, inDrops(), outDrops, replayDrops,
                authFails, decryptFails, outEncryptFails);
    }

    public long cryptoErrors() {
        return replayDrops + authFails + decryptFails;
    }

    public long inDrops() {
        return drops - outDrops;
    }

    public String line() {
        return at + " " + CounterText.of(encaps, decaps, replayDrops, authFails, decryptFails, drops, saCount);
    }
}
