package io.tunnelwatch.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import io.tunnelwatch.streams.metrics.PeerFactsMetrics;
import io.tunnelwatch.streams.metrics.PeerPhaseMetrics;
import io.tunnelwatch.streams.peer.PeerState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the per-peer metrics cost the StreamThread on each input: a listener told of a peer's new state whose facts,
 * phase and alert did not change (the common case), over 3,000 peers with a full history ({@link FullHistoryStates})
 * on a Prometheus registry, as the app runs them.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar PeerMetricsBenchmark -prof gc -wi 3 -w 2 -i 5 -r 2 -f 1}
 * (docs/performance.md#placeholders-without-a-regex)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeerMetricsBenchmark {

    private static final int PEERS = 3_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PeerFactsMetrics facts = new PeerFactsMetrics(registry);
    private final PeerPhaseMetrics phases = new PeerPhaseMetrics(registry);
    private final PeerAlertMetrics alerts = new PeerAlertMetrics(registry);
    private PeerKey[] keys;
    private PeerState[] states;
    private int next;

    @Setup
    public void fleet() {
        keys = new PeerKey[PEERS];
        states = new PeerState[PEERS];
        for (int n = 0; n < PEERS; n++) {
            keys[n] = FullHistoryStates.key(n);
            states[n] = FullHistoryStates.of(n);
            facts.updated(keys[n], states[n]);
            phases.updated(keys[n], states[n]);
            alerts.updated(keys[n], states[n]);
        }
    }

    private int nextPeer() {
        int i = next;
        next = i + 1 == PEERS ? 0 : i + 1;
        return i;
    }

    /** {@code tunnelwatch_peer_facts}: the facts of the peer's new state compared with those served. */
    @Benchmark
    public void factsUnchanged() {
        int i = nextPeer();
        facts.updated(keys[i], states[i]);
    }

    /** {@code tunnelwatch_peer_phase}. */
    @Benchmark
    public void phaseUnchanged() {
        int i = nextPeer();
        phases.updated(keys[i], states[i]);
    }

    /** {@code tunnelwatch_peer_alert} and the open alerts' counts. */
    @Benchmark
    public void alertUnchanged() {
        int i = nextPeer();
        alerts.updated(keys[i], states[i]);
    }
}
