package io.tunnelwatch.collector.snmp.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.CounterSample.Counters;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random lives of a cipSecTunnelTable (rekeys renumbered or in place, overlapping SAs, vanished tunnels,
 * Counter32 wraps, missed polls), the per-peer deltas add up to exactly the traffic the live rows carried.
 */
class DeviceCounterTrackerPropertyTest {

    private static final List<String> PEERS = List.of("198.51.100.7", "203.0.113.9", "2001:db8::5");

    @Property(tries = 300)
    void deltasEqualTheTrafficTheLiveRowsCarried(@ForAll Random random, @ForAll boolean hcOctets,
                                                 @ForAll @IntRange(min = 2, max = 40) int walks) {
        var table = new SimulatedSaTable(random, PEERS, hcOctets);
        var tracker = new DeviceCounterTracker("rtr-hq-1", Set.copyOf(PEERS), CounterLimits.DEFAULT);
        tracker.onWalk(table.walk());
        table.takeVisibleTraffic();
        int missedInARow = 0;

        for (int i = 1; i < walks; i++) {
            table.advance();
            if (missedInARow < 2 && random.nextInt(6) == 0) {
                missedInARow++;
                tracker.onNoAnswer(table.walk().polledAt());
                continue;
            }
            missedInARow = 0;
            List<CounterSample> samples = tracker.onWalk(table.walk());
            Map<String, Counters> owed = table.takeVisibleTraffic();

            Map<String, Counters> reported = samples.stream()
                    .collect(Collectors.toMap(CounterSample::peer, CounterSample::deltas));
            assertThat(reported).as("walk %d, outcomes %s", i, tracker.lastOutcomes()).isEqualTo(owed);
        }
    }

    @Property(tries = 200)
    void deltasAreNeverNegative(@ForAll Random random, @ForAll @IntRange(min = 2, max = 30) int walks) {
        var table = new SimulatedSaTable(random, PEERS, false);
        var tracker = new DeviceCounterTracker("rtr-hq-1", Set.copyOf(PEERS), CounterLimits.DEFAULT);
        for (int i = 0; i < walks; i++) {
            for (CounterSample sample : tracker.onWalk(table.walk())) {
                assertThat(java.util.Arrays.stream(CounterVector.of(sample.deltas())).min().orElseThrow()).isNotNegative();
            }
            table.advance();
        }
    }
}
