package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.events.CounterSample.Counters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cipSecTunnelTable that lives through rekeys (renumbered or in place), parallel SAs, vanishing tunnels and
 * Counter32 wraps, and remembers the traffic it carried that a poller can see: what live rows carried since the last
 * answered walk. Traffic a row carried before it was deleted is not visible in SNMP, so it is not owed.
 */
final class SimulatedSaTable {

    static final long MOD32 = 1L << 32;
    /** Per step and column, small enough that two missed walks still stay within one wrap and the rate limit. */
    private static final long MAX_OCTETS_STEP = 1_000_000_000L;
    private static final long MAX_PACKETS_STEP = 1_000_000L;
    private static final int INDEX_POOL = 8;

    private final Random random;
    private final List<String> peers;
    private final boolean hcOctets;
    private final List<Row> rows = new ArrayList<>();
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private int nextIke = 1;

    SimulatedSaTable(Random random, List<String> peers, boolean hcOctets) {
        this.random = random;
        this.peers = peers;
        this.hcOctets = hcOctets;
        for (String peer : peers) {
            rows.add(newRow(peer, true));
        }
    }

    /** Lets 30..120 s pass, with one random life event per row and traffic on every live row. */
    void advance() {
        Duration step = Duration.ofSeconds(30 + random.nextInt(91));
        now = now.plus(step);
        for (Row row : List.copyOf(rows)) {
            int dice = random.nextInt(20);
            if (dice == 0) {
                rows.remove(row);                              // tunnel went down
            } else if (dice == 1) {
                rows.remove(row);                              // rekey to a new (possibly reused) index
                rows.add(newRow(row.peer, false));
            } else if (dice == 2) {
                row.replaceInPlace(nextIke++);                 // rekey at the same cipSecTunIndex
            } else if (dice == 3 && rows.stream().filter(r -> r.peer.equals(row.peer)).count() < 3) {
                rows.add(newRow(row.peer, false));             // overlap of old and new SA
            }
        }
        for (String peer : peers) {
            if (rows.stream().noneMatch(r -> r.peer.equals(peer)) && random.nextInt(3) == 0) {
                rows.add(newRow(peer, false));                 // tunnel came back
            }
        }
        for (Row row : rows) {
            row.carry(step, randomTraffic());
        }
    }

    /** The table as a walk would read it now. */
    DeviceWalk walk() {
        List<SaRow> saRows = rows.stream().map(Row::toSaRow).toList();
        return new DeviceWalk(now, List.of(), saRows);
    }

    /** What live rows carried per peer since the last call; the poller answered, so the slate is wiped. */
    Map<String, Counters> takeVisibleTraffic() {
        Map<String, Counters> owed = new HashMap<>();
        for (String peer : peers) {
            owed.put(peer, Counters.ZERO);
        }
        for (Row row : rows) {
            owed.merge(row.peer, CounterVector.counters(row.owed), CounterVector::plus);
            row.owed = new long[CounterVector.SIZE];
        }
        return owed;
    }

    private long[] randomTraffic() {
        long[] traffic = new long[CounterVector.SIZE];
        for (int i = 0; i < CounterVector.SIZE; i++) {
            long bound = CounterVector.isOctets(i) ? MAX_OCTETS_STEP : MAX_PACKETS_STEP;
            // mostly quiet error columns, sometimes idle rows: both are real and both must sum right
            traffic[i] = random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * bound);
        }
        return traffic;
    }

    private Row newRow(String peer, boolean longLived) {
        int index;
        do {
            index = 1 + random.nextInt(INDEX_POOL + rows.size());
        } while (indexInUse(index));
        Row row = new Row(index, nextIke++, peer);
        if (longLived) {
            // existing SAs at the first walk: start near the top so Counter32 wraps come early
            for (int i = 0; i < CounterVector.SIZE; i++) {
                boolean wide = hcOctets && CounterVector.isOctets(i);
                row.values[i] = wide ? (long) (random.nextDouble() * 1e13)
                        : MOD32 - 1 - (long) (random.nextDouble() * 3_000_000_000L);
            }
            row.activeTimeCs = 100 * (3600 + random.nextInt(3600));
        }
        return row;
    }

    private boolean indexInUse(int index) {
        return rows.stream().anyMatch(r -> r.index == index);
    }

    private final class Row {
        final int index;
        int ike;
        final String peer;
        long activeTimeCs;
        final long[] values = new long[CounterVector.SIZE];
        long[] owed = new long[CounterVector.SIZE];

        Row(int index, int ike, String peer) {
            this.index = index;
            this.ike = ike;
            this.peer = peer;
        }

        void replaceInPlace(int newIke) {
            ike = newIke;
            activeTimeCs = 0;
            java.util.Arrays.fill(values, 0);
            owed = new long[CounterVector.SIZE];
        }

        void carry(Duration step, long[] traffic) {
            activeTimeCs += step.toMillis() / 10;
            for (int i = 0; i < CounterVector.SIZE; i++) {
                boolean wide = hcOctets && CounterVector.isOctets(i);
                values[i] = wide ? values[i] + traffic[i] : (values[i] + traffic[i]) % MOD32;
                owed[i] += traffic[i];
            }
        }

        SaRow toSaRow() {
            return new SaRow(index, ike, peer, activeTimeCs, true, hcOctets, CounterVector.counters(values));
        }
    }
}
