package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MtuSuspected [MTU] (docs/runbook.md#mtu-layer): IPsec adds 50–70 bytes, so oversized packets are dropped while small
 * ones
 * pass. Seen as drops (or replay errors from process-level reassembly) in at least two of the last
 * {@code flatSamples} polls while traffic passes both ways. MTU is the highest layer, so any other finding of the
 * peer is the root cause first and this one is only attached to it.
 *
 * <p>The evidence carries what the counters say of packet size: the average size each way (cipSecTunIn/OutOctets
 * over cipSecTunIn/OutPkts), the drops by direction (cipSecTunIn/OutDropPkts) and the replay drops that reassembly
 * causes (cipSecTunInReplayDropPkts, PKT_REPLAY_ERR). The flow MIB has no fragment counter; the runbook's df-bit
 * pings measure the path.
 */
public final class MtuSuspectedDetector implements Detector {

    static final String CAUSE = "packets are dropped while traffic passes both ways: oversized packets after the "
            + "IPsec overhead (MTU / MSS), or reassembly after fragmentation";
    static final String CAUSE_OUT = "packets towards the peer are dropped while traffic passes both ways: oversized"
            + " packets after the IPsec overhead (MTU / MSS) on the way out";
    static final String CAUSE_IN = "packets from the peer are dropped or fail anti-replay while traffic passes both"
            + " ways: fragments of oversized ESP reassembled (or lost) on the way in";
    /** ESP tunnel mode with AES and SHA adds about this much at most (docs/runbook.md#mtu-layer: 50–70 bytes). */
    static final int ESP_OVERHEAD = 70;
    static final int ETHERNET_MTU = 1500;
    private static final int MIN_SAMPLES_WITH_DROPS = 2;

    private final DetectorSettings settings;

    public MtuSuspectedDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public AlertType type() {
        return AlertType.MTU_SUSPECTED;
    }

    @Override
    public Optional<Finding> detect(PeerState s, Instant now) {
        List<CounterDelta> d = s.recentDeltas();
        int n = settings.flatSamples();
        if (s.ipsec().state() != IpsecState.UP || d.size() < n) {
            return Optional.empty();
        }
        List<CounterDelta> last = d.subList(d.size() - n, d.size());
        boolean flowing = last.stream().allMatch(x -> x.encaps() > 0 && x.decaps() > 0);
        long withDrops = last.stream().filter(x -> x.drops() > 0 || x.replayDrops() > 0).count();
        if (!flowing || withDrops < MIN_SAMPLES_WITH_DROPS) {
            return Optional.empty();
        }
        Window w = Window.of(last);
        return Optional.of(Finding.withLinesLater(type(), w.cause(), () -> {
            List<String> evidence = new ArrayList<>(w.lines(n));
            evidence.addAll(EvidenceLines.deltas(s, n));
            evidence.addAll(EvidenceLines.events(s, EventKind.REPLAY_ERROR));
            return evidence;
        }));
    }

    @Override
    public Optional<Instant> nextCheck(PeerState s, Instant now) {
        return Optional.empty();
    }

    /** The sums of the last polls that speak of packet size and where packets are lost. */
    private record Window(long encaps, long decaps, long outOctets, long inOctets, long outDrops, long inDrops,
                          long replayDrops) {

        static Window of(List<CounterDelta> deltas) {
            long[] sum = new long[7];
            for (CounterDelta x : deltas) {
                sum[0] += x.encaps();
                sum[1] += x.decaps();
                sum[2] += x.outOctets();
                sum[3] += x.inOctets();
                sum[4] += x.outDrops();
                sum[5] += x.inDrops();
                sum[6] += x.replayDrops();
            }
            return new Window(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]);
        }

        String cause() {
            if (outDrops > inDrops + replayDrops) {
                return CAUSE_OUT;
            }
            return outDrops == 0 ? CAUSE_IN : CAUSE;
        }

        List<String> lines(int polls) {
            List<String> lines = new ArrayList<>();
            if (outOctets > 0 || inOctets > 0) {
                long out = outOctets / encaps;
                long in = inOctets / decaps;
                lines.add("average packet size over the last " + polls + " polls: out " + out + " B (encaps +"
                        + encaps + "), in " + in + " B (decaps +" + decaps + "); with up to " + ESP_OVERHEAD
                        + " B of ESP overhead, packets over " + (ETHERNET_MTU - ESP_OVERHEAD) + " B exceed a "
                        + ETHERNET_MTU + " B path" + (Math.max(out, in) > ETHERNET_MTU - ESP_OVERHEAD
                        ? " (the average already does)" : ""));
            }
            lines.add("dropped over the last " + polls + " polls: out +" + outDrops + ", in +" + inDrops
                    + "; anti-replay +" + replayDrops + (replayDrops > 0
                    ? " (fragments reassembled at process level arrive late)" : ""));
            return lines;
        }
    }
}
