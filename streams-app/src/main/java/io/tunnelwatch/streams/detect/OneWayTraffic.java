package io.tunnelwatch.streams.detect;

import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The shared test of the two stall detectors: with an SA up, one direction rose and the other stayed flat in each of
 * the last {@code n} polls. An idle tunnel (both flat) is not a stall, and a poll with no SA row breaks the run.
 */
final class OneWayTraffic {

    private OneWayTraffic() {
    }

    static boolean holds(PeerState s, int n, ToLongFunction<CounterDelta> rising, ToLongFunction<CounterDelta> flat) {
        List<CounterDelta> d = s.recentDeltas();
        if (s.ipsec().state() != IpsecState.UP || d.size() < n) {
            return false;
        }
        return d.subList(d.size() - n, d.size()).stream()
                .allMatch(x -> x.saCount() > 0 && rising.applyAsLong(x) > 0 && flat.applyAsLong(x) == 0);
    }
}
