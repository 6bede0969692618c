package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import java.time.Instant;

/**
 * The per-interval deltas of one poll, compact (DESIGN.md "Counters"): what the traffic detectors compare over the
 * last few samples. Encaps = packets out through the SA, decaps = packets in.
 */
public record CounterDelta(Instant at, int saCount, long encaps, long decaps, long replayDrops, long authFails,
                           long decryptFails, long drops) {

    public static CounterDelta of(CounterSample sample) {
        CounterSample.Counters d = sample.deltas();
        return new CounterDelta(sample.polledAt(), sample.saCount(), d.outPkts(), d.inPkts(), d.inReplayDropPkts(),
                d.inAuthFails(), d.inDecryptFails(), d.inDropPkts() + d.outDropPkts());
    }

    public long cryptoErrors() {
        return replayDrops + authFails + decryptFails;
    }

    public String line() {
        return at + " encaps +" + encaps + " decaps +" + decaps + " replay +" + replayDrops + " auth +" + authFails
                + " decrypt +" + decryptFails + " drops +" + drops + " (SAs " + saCount + ")";
    }
}
