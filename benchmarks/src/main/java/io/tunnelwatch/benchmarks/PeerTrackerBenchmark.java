package io.tunnelwatch.benchmarks;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.topology.PeerStateStoreSerde;
import io.tunnelwatch.streams.topology.PeerTrackerProcessor;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The streams-app topology on one thread (TopologyTestDriver, the real RocksDB stores, the docs/configuration.md
 * default
 * thresholds). Not JMH: each mode builds a fleet's state first, which is most of the run. Two modes, each printing
 * one summary line:
 *
 * <ul>
 *   <li>{@code throughput PEERS ROUNDS [WARMUP]}: ROUNDS poll rounds of PEERS peers ({@link FleetTraffic}), the
 *       wall clock moved a poll interval after each (so punctuations run too); the first WARMUP rounds (default 1,
 *       which creates the peers) are not measured. The driver commits after every record, the app every 100 ms.
 *       Prints records/s on the wall clock and per CPU-second of this process (GC and RocksDB threads
 *       included: the per-core figure), the CPU of the driving thread alone, then the serialized PeerState size over every peer, as
 *       stored (binary: mean, p99, max) and as written to {@code tunnelwatch.peer-state} (JSON: mean, max).</li>
 *   <li>{@code punctuation PEERS [DUE_FRACTION,…]} (default 0.001,0.01,0.1): PEERS peers all held in IKE main mode,
 *       each with a stuck timer in the deadline index. The first DUE_FRACTION of them fall due at the first
 *       punctuation, the next fraction at the second, and so on; the rest a minute later. Times each wall-clock
 *       punctuation (wall and CPU time of the driving thread; each due peer opens IkeNegotiationStuck), then one
 *       with nothing due: one line each.</li>
 *   <li>{@code broker PEERS ROUNDS [WARMUP]}: the same rounds through the real app on an embedded broker, committing
 *       on its interval ({@link BrokerThroughput}).</li>
 *   <li>{@code restore PEERS [ROUNDS]}: the time a new instance takes to restore the peer states of PEERS peers from
 *       the changelog ({@link RestoreBenchmark}).</li>
 *   <li>{@code restore-full PEERS}: the same for PEERS peers with every bounded list of their state full
 *       ({@link FullHistoryStates}), the worst case.</li>
 * </ul>
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.tunnelwatch.benchmarks.PeerTrackerBenchmark MODE ARGS}
 */
public final class PeerTrackerBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    private static final Duration POLL = FleetTraffic.POLL;

    private PeerTrackerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "throughput" -> throughput(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 1);
            case "broker" -> BrokerThroughput.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 1);
            case "restore" -> RestoreBenchmark.run(Integer.parseInt(args[1]),
                    args.length > 2 ? Integer.parseInt(args[2]) : 3);
            case "restore-full" -> RestoreBenchmark.runFullHistory(Integer.parseInt(args[1]));
            case "punctuation" -> punctuation(Integer.parseInt(args[1]), Arrays.stream(
                    (args.length > 2 ? args[2] : "0.001,0.01,0.1").split(",")).mapToDouble(Double::parseDouble)
                    .toArray());
            default -> {
                System.err.println("usage: PeerTrackerBenchmark throughput PEERS ROUNDS [WARMUP]"
                        + " | punctuation PEERS [DUE_FRACTION,…] | broker PEERS ROUNDS [WARMUP] | restore PEERS [ROUNDS]"
                        + " | restore-full PEERS");
                System.exit(2);
            }
        }
    }

    private static void throughput(int peers, int rounds, int warmup) throws IOException {
        try (Fleet fleet = new Fleet(peers)) {
            // The first round creates every peer; warm-up rounds are not measured.
            for (int r = 0; r < warmup; r++) {
                fleet.pollRound(r);
                if (r > 0) {
                    fleet.driver.advanceWallClockTime(POLL);
                }
                fleet.drain();
            }
            long cpu0 = processCpuNanos();
            long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long records = 0;
            for (int r = warmup; r < rounds; r++) {
                records += fleet.pollRound(r);
                fleet.driver.advanceWallClockTime(POLL);
                fleet.drain();
            }
            double wallS = (System.nanoTime() - t0) / 1e9;
            double cpuS = (processCpuNanos() - cpu0) / 1e9;
            double threadS = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1e9;
            long[] sizes = fleet.stateSizes(new PeerStateStoreSerde().serializer());
            long[] json = fleet.stateSizes(StreamsTopics.PEER_STATE.valueSerde().serializer());
            System.out.printf("peer-tracker-throughput peers=%d rounds=%d records=%d wall_s=%.1f records_per_s=%.0f"
                            + " cpu_s=%.1f records_per_cpu_s=%.0f driver_thread_cpu_s=%.1f state_bytes_mean=%.0f state_bytes_p99=%d"
                            + " state_bytes_max=%d json_bytes_mean=%.0f json_bytes_max=%d alerts=%d%n",
                    peers, rounds - warmup, records, wallS, records / wallS, cpuS, records / cpuS, threadS,
                    Arrays.stream(sizes).average().orElse(0), percentile(sizes, 0.99), sizes[sizes.length - 1],
                    Arrays.stream(json).average().orElse(0), json[json.length - 1], fleet.alerts);
        }
    }

    /**
     * One fleet, one punctuation per due fraction: group k (the first {@code fractions[k]} of the peers after the
     * groups before it) entered main mode {@code 60 - (k + 1)} s before T0, so its stuck timer falls due at the
     * (k+1)-th punctuation; the remaining peers' timers are a minute away. Then one punctuation with nothing due.
     */
    private static void punctuation(int peers, double[] fractions) throws IOException {
        int[] groupEnd = new int[fractions.length];
        int end = 0;
        for (int k = 0; k < fractions.length; k++) {
            end += (int) Math.round(peers * fractions[k]);
            groupEnd[k] = end;
        }
        try (Fleet fleet = new Fleet(peers)) {
            long tb = System.nanoTime();
            for (int i = 0; i < peers; i++) {
                int group = 0;
                while (group < groupEnd.length && i >= groupEnd[group]) {
                    group++;
                }
                // A stuck timer fires stuckAfter (60 s) after the peer entered the phase.
                Instant entered = group < groupEnd.length
                        ? T0.minus(POLL).plus(PeerTrackerProcessor.PUNCTUATE_EVERY.multipliedBy(group + 1))
                        : T0;
                fleet.pipe(fleet.traffic.event(i, EventKind.IKE_STATE, Map.of("state", "MM_SA_SETUP"), entered));
            }
            fleet.drain();
            double buildS = (System.nanoTime() - tb) / 1e9;
            for (int k = 0; k <= fractions.length; k++) {
                int due = k < fractions.length ? groupEnd[k] - (k == 0 ? 0 : groupEnd[k - 1]) : 0;
                long alertsBefore = fleet.alerts;
                long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                fleet.driver.advanceWallClockTime(PeerTrackerProcessor.PUNCTUATE_EVERY);
                long nanos = System.nanoTime() - t0;
                long cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
                fleet.drain();
                System.out.printf("peer-tracker-punctuation peers=%d due=%d due_pct=%.1f alerts_opened=%d"
                                + " punctuation_wall_ms=%.2f punctuation_cpu_ms=%.2f cpu_per_due_peer_us=%.1f"
                                + " build_s=%.1f%n",
                        peers, due, 100.0 * due / peers, fleet.alerts - alertsBefore, nanos / 1e6, cpuNanos / 1e6,
                        due == 0 ? 0 : cpuNanos / 1e3 / due, buildS);
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A TopologyTestDriver on the whole topology and a fleet of PEERS peers. */
    private static final class Fleet implements AutoCloseable, FleetTraffic.Sink {

        private final int peers;
        private final Path stateDir;
        private final TopologyTestDriver driver;
        private final TestInputTopic<PeerKey, TunnelEvent> events;
        private final TestInputTopic<PeerKey, CounterSample> counters;
        private final FleetTraffic traffic;
        private long piped;
        private long alerts;

        Fleet(int peers) throws IOException {
            this.peers = peers;
            this.stateDir = Files.createTempDirectory("tunnelwatch-bench-streams");
            var settings = new StreamsSettings("unused:9092", "tunnelwatch-bench", stateDir, 1, 1, null, Map.of());
            driver = new TopologyTestDriver(TunnelwatchTopology.build(PeerStateListener.NONE,
                    PeerStateListener.NONE, DetectorSettings.defaults()), settings.toProperties(), T0);
            events = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(),
                    Topics.EVENTS.valueSerde().serializer());
            counters = driver.createInputTopic(Topics.COUNTERS.name(), Topics.COUNTERS.keySerde().serializer(),
                    Topics.COUNTERS.valueSerde().serializer());
            traffic = new FleetTraffic(peers, T0);
        }

        /** One poll round. Returns the records piped. */
        long pollRound(int round) {
            return traffic.round(round, this);
        }

        @Override
        public void event(TunnelEvent e) {
            pipe(e);
        }

        @Override
        public void sample(CounterSample s) {
            counters.pipeInput(s.key(), s, s.polledAt());
            drainNowAndThen();
        }

        void pipe(TunnelEvent e) {
            events.pipeInput(e.key(), e, e.receivedAt());
            drainNowAndThen();
        }

        private void drainNowAndThen() {
            if (++piped % 10_000 == 0) {
                drain();
            }
        }

        /** Reads away what the topology produced (the driver keeps every output record until read). */
        void drain() {
            for (String topic : driver.producedTopicNames()) {
                var out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                long n = out.getQueueSize();
                if (topic.equals(StreamsTopics.ALERTS.name())) {
                    alerts += n;
                }
                out.readRecordsToList();
            }
        }

        /** The size of every peer's state as {@code form} writes it, sorted. */
        long[] stateSizes(Serializer<PeerState> form) {
            KeyValueStore<PeerKey, PeerState> store = driver.getKeyValueStore(TunnelwatchTopology.PEER_STATE_STORE);
            long[] sizes = new long[peers];
            int n = 0;
            try (KeyValueIterator<PeerKey, PeerState> all = store.all()) {
                while (all.hasNext()) {
                    sizes[n++] = form.serialize(StreamsTopics.PEER_STATE.name(), all.next().value).length;
                }
            }
            long[] found = Arrays.copyOf(sizes, n);
            Arrays.sort(found);
            return found;
        }

        @Override
        public void close() throws IOException {
            driver.close();
            Utils.delete(stateDir.toFile());
        }
    }
}
