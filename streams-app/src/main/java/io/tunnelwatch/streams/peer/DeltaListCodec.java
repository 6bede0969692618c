package io.tunnelwatch.streams.peer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's recent poll deltas ({@link CounterDelta}) as layout 4 of {@link PeerStateCodec} writes them: each delta
 * its time, then a mask of the fields that differ from the delta before it (from zeros for the first), then the
 * difference of each such field. A tunnel's traffic changes little from one poll to the next and its error counters
 * are mostly zero, so a delta takes its time and a few bytes instead of eleven numbers
 * (docs/performance.md#layout-4-poll-deltas-against-the-poll-before). The differences wrap as {@code long}
 * arithmetic does, so every value reads back exactly.
 */
final class DeltaListCodec {

    /** The fields of a delta, in the mask's bit order ({@link #fields}). */
    private static final int FIELDS = 10;

    private DeltaListCodec() {
    }

    static void write(BinaryOutput out, List<CounterDelta> deltas) {
        out.writeUnsigned(deltas.size());
        long[] previous = new long[FIELDS];
        long[] current = new long[FIELDS];
        for (CounterDelta d : deltas) {
            out.writeInstant(d.at());
            fields(d, current);
            int mask = 0;
            for (int i = 0; i < FIELDS; i++) {
                if (current[i] != previous[i]) {
                    mask |= 1 << i;
                }
            }
            out.writeUnsigned(mask);
            for (int i = 0; i < FIELDS; i++) {
                if ((mask & (1 << i)) != 0) {
                    out.writeSigned(current[i] - previous[i]);
                }
            }
            long[] swap = previous;
            previous = current;
            current = swap;
        }
    }

    static List<CounterDelta> read(BinaryInput in) {
        int count = in.readCount();
        List<CounterDelta> deltas = new ArrayList<>(count);
        long[] values = new long[FIELDS];
        for (int n = 0; n < count; n++) {
            Instant at = in.readInstant();
            long mask = in.readUnsigned();
            if (mask >>> FIELDS != 0) {
                throw new IllegalArgumentException("poll delta field mask 0x" + Long.toHexString(mask)
                        + " names fields beyond the " + FIELDS + " a delta has, at byte " + in.position());
            }
            for (int i = 0; i < FIELDS; i++) {
                if ((mask & (1L << i)) != 0) {
                    values[i] += in.readSigned();
                }
            }
            if (values[4] != (int) values[4]) {
                throw new IllegalArgumentException("poll delta SA count out of range at byte " + in.position() + ": "
                        + values[4]);
            }
            deltas.add(new CounterDelta(at, (int) values[4], values[0], values[1], values[7], values[8], values[9],
                    values[5], values[6], values[2], values[3]));
        }
        return deltas;
    }

    /** A delta's fields, those that change from poll to poll first, so that a common mask fits one byte. */
    private static void fields(CounterDelta d, long[] into) {
        into[0] = d.encaps();
        into[1] = d.decaps();
        into[2] = d.inOctets();
        into[3] = d.outOctets();
        into[4] = d.saCount();
        into[5] = d.drops();
        into[6] = d.outDrops();
        into[7] = d.replayDrops();
        into[8] = d.authFails();
        into[9] = d.decryptFails();
    }
}
