package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.CounterSample.Counters;

/**
 * {@link Counters} as an array, so the delta rules apply to every column in one loop. The order is the order of the
 * record's components; {@link #isOctets} marks the two octet columns, which may be Counter64.
 */
final class CounterVector {

    static final int SIZE = 10;
    private static final int IN_OCTETS = 2;
    private static final int OUT_OCTETS = 3;

    private CounterVector() {
    }

    static long[] of(Counters c) {
        return new long[] {c.inPkts(), c.outPkts(), c.inOctets(), c.outOctets(), c.inDropPkts(), c.outDropPkts(),
            c.inReplayDropPkts(), c.inAuthFails(), c.inDecryptFails(), c.outEncryptFails()};
    }

    static Counters counters(long[] v) {
        return new Counters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    static boolean isOctets(int column) {
        return column == IN_OCTETS || column == OUT_OCTETS;
    }

    static Counters plus(Counters a, Counters b) {
        long[] x = of(a);
        long[] y = of(b);
        for (int i = 0; i < SIZE; i++) {
            x[i] += y[i];
        }
        return counters(x);
    }
}
