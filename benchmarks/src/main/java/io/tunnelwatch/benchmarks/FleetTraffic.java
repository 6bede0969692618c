package io.tunnelwatch.benchmarks;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a fleet of PEERS peers (100 per device) sends the streams app each SNMP poll round, for
 * {@link PeerTrackerBenchmark}: one counter sample per peer (traffic both ways; 1 % of the peers with decaps
 * stalled, so DecapsStalled opens) and an event (rekey, SA up, session up) for one peer in ten, spread over the
 * poll interval. The same records whether a TopologyTestDriver or a real broker takes them.
 */
final class FleetTraffic {

    static final Duration POLL = Duration.ofSeconds(60);
    static final int PEERS_PER_DEVICE = 100;
    private static final EventKind[] REKEY_MIX = {EventKind.IKE_SA_UP, EventKind.IPSEC_SA_UP, EventKind.SESSION_UP,
        EventKind.IKE_NEW_SA};

    /** Where the records go. */
    interface Sink {
        void event(TunnelEvent event);

        void sample(CounterSample sample);
    }

    private final int peers;
    private final Instant t0;
    private final long[] totalsOut;
    private final long[] totalsIn;

    FleetTraffic(int peers, Instant t0) {
        this.peers = peers;
        this.t0 = t0;
        this.totalsOut = new long[peers];
        this.totalsIn = new long[peers];
    }

    int peers() {
        return peers;
    }

    /** Poll round {@code round} (0 creates the peers): a sample per peer, an event for one peer in ten. */
    long round(int round, Sink sink) {
        long records = 0;
        Instant start = t0.plus(POLL.multipliedBy(round));
        for (int i = 0; i < peers; i++) {
            Instant at = start.plusMillis((long) i * POLL.toMillis() / peers);
            if ((i + round) % 10 == 0) {
                sink.event(event(i, REKEY_MIX[(i / 10 + round) % REKEY_MIX.length], Map.of(), at));
                records++;
            }
            sink.sample(sample(i, at));
            records++;
        }
        return records;
    }

    TunnelEvent event(int i, EventKind kind, Map<String, String> fields, Instant at) {
        PeerKey key = key(i);
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, key.device(), key.peer(), IkeVersion.IKEV2,
                "CRYPTO-5-" + kind.name(), 5, fields, "*Nov 27 00:00:01.123", at, "192.0.2.1", "udp",
                "IKEv2 " + kind.name().toLowerCase() + " Local 192.0.2.1:500 Remote " + key.peer() + ":500");
    }

    private CounterSample sample(int i, Instant at) {
        PeerKey key = key(i);
        long out = 500 + i % 97;
        long in = i % 100 == 0 ? 0 : 400 + i % 89; // 1 % of the peers: decaps stalled
        totalsOut[i] += out;
        totalsIn[i] += in;
        var deltas = new CounterSample.Counters(in, out, in * 420, out * 380, 0, 0, 0, 0, 0, 0);
        var totals = new CounterSample.Counters(totalsIn[i], totalsOut[i], totalsIn[i] * 420,
                totalsOut[i] * 380, 0, 0, 0, 0, 0, 0);
        return new CounterSample(CounterSample.VERSION, key.device(), key.peer(), at, true, 1, "active",
                "active", totals, deltas);
    }

    static PeerKey key(int i) {
        int device = i / PEERS_PER_DEVICE;
        int host = i % PEERS_PER_DEVICE;
        return new PeerKey("rtr-" + device, "10." + (device >> 8 & 0xff) + "." + (device & 0xff) + "."
                + (host + 1));
    }
}
