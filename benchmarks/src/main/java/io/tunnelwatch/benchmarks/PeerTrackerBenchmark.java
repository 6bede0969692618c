package io.tunnelwatch.benchmarks;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.PeerTrackerProcessor;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The streams-app topology on one thread (TopologyTestDriver, the real RocksDB stores, the DESIGN.md default
 * thresholds). Not JMH: each mode builds a fleet's state first, which is most of the run. Two modes, each printing
 * one summary line:
 *
 * <ul>
 *   <li>{@code throughput PEERS ROUNDS}: ROUNDS poll rounds of PEERS peers (100 peers per device): each round one
 *       counter sample per peer (traffic both ways; 1 % of the peers with decaps stalled, so alerts open), an event
 *       for one peer in ten (rekeys, DPD, session up), and the wall clock moved a poll interval (so punctuations
 *       run too). Prints records/s on the wall clock and per CPU-second of this process (GC and RocksDB threads
 *       included: the per-core figure), the CPU of the driving thread alone, then the serialized PeerState size (JSON, as stored and as written to
 *       {@code tunnelwatch.peer-state}) over every peer: mean, p99, max.</li>
 *   <li>{@code punctuation PEERS [DUE_FRACTION,…]} (default 0.001,0.01,0.1): PEERS peers all held in IKE main mode,
 *       each with a stuck timer in the deadline index. The first DUE_FRACTION of them fall due at the first
 *       punctuation, the next fraction at the second, and so on; the rest a minute later. Times each wall-clock
 *       punctuation (wall and CPU time of the driving thread; each due peer opens IkeNegotiationStuck), then one
 *       with nothing due: one line each.</li>
 * </ul>
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.tunnelwatch.benchmarks.PeerTrackerBenchmark MODE ARGS}
 */
public final class PeerTrackerBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(60);
    private static final int PEERS_PER_DEVICE = 100;
    private static final EventKind[] REKEY_MIX = {EventKind.IKE_SA_UP, EventKind.IPSEC_SA_UP, EventKind.SESSION_UP,
        EventKind.IKE_NEW_SA};

    private PeerTrackerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "throughput" -> throughput(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "punctuation" -> punctuation(Integer.parseInt(args[1]), Arrays.stream(
                    (args.length > 2 ? args[2] : "0.001,0.01,0.1").split(",")).mapToDouble(Double::parseDouble)
                    .toArray());
            default -> {
                System.err.println("usage: PeerTrackerBenchmark throughput PEERS ROUNDS"
                        + " | punctuation PEERS [DUE_FRACTION,…]");
                System.exit(2);
            }
        }
    }

    private static void throughput(int peers, int rounds) throws IOException {
        try (Fleet fleet = new Fleet(peers)) {
            long records = 0;
            // The first round creates every peer: warm-up, not measured.
            records += fleet.pollRound(0);
            fleet.drain();
            long cpu0 = processCpuNanos();
            long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            records = 0;
            for (int r = 1; r < rounds; r++) {
                records += fleet.pollRound(r);
                fleet.driver.advanceWallClockTime(POLL);
                fleet.drain();
            }
            double wallS = (System.nanoTime() - t0) / 1e9;
            double cpuS = (processCpuNanos() - cpu0) / 1e9;
            double threadS = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1e9;
            long[] sizes = fleet.stateSizes();
            System.out.printf("peer-tracker-throughput peers=%d rounds=%d records=%d wall_s=%.1f records_per_s=%.0f"
                            + " cpu_s=%.1f records_per_cpu_s=%.0f driver_thread_cpu_s=%.1f state_bytes_mean=%.0f state_bytes_p99=%d"
                            + " state_bytes_max=%d alerts=%d%n",
                    peers, rounds - 1, records, wallS, records / wallS, cpuS, records / cpuS, threadS,
                    Arrays.stream(sizes).average().orElse(0), percentile(sizes, 0.99), sizes[sizes.length - 1],
                    fleet.alerts);
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
                fleet.pipe(fleet.event(i, EventKind.IKE_STATE, Map.of("state", "MM_SA_SETUP"), entered));
                if (i % 10_000 == 9_999) {
                    fleet.drain();
                }
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

    /** A TopologyTestDriver on the whole topology, a fleet of PEERS peers and what they send. */
    private static final class Fleet implements AutoCloseable {

        private final int peers;
        private final Path stateDir;
        private final TopologyTestDriver driver;
        private final TestInputTopic<PeerKey, TunnelEvent> events;
        private final TestInputTopic<PeerKey, CounterSample> counters;
        private final long[] totalsOut;
        private final long[] totalsIn;
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
            totalsOut = new long[peers];
            totalsIn = new long[peers];
        }

        /** One poll round: a sample per peer, an event for one peer in ten. Returns the records piped. */
        long pollRound(int round) {
            long records = 0;
            Instant start = T0.plus(POLL.multipliedBy(round));
            for (int i = 0; i < peers; i++) {
                Instant at = start.plusMillis((long) i * POLL.toMillis() / peers);
                if ((i + round) % 10 == 0) {
                    pipe(event(i, REKEY_MIX[(i / 10 + round) % REKEY_MIX.length], Map.of(), at));
                    records++;
                }
                pipe(sample(i, at));
                records++;
                if (i % 10_000 == 9_999) {
                    drain();
                }
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

        void pipe(TunnelEvent e) {
            events.pipeInput(e.key(), e, e.receivedAt());
        }

        private void pipe(CounterSample s) {
            counters.pipeInput(s.key(), s, s.polledAt());
        }

        private static PeerKey key(int i) {
            int device = i / PEERS_PER_DEVICE;
            int host = i % PEERS_PER_DEVICE;
            return new PeerKey("rtr-" + device, "10." + (device >> 8 & 0xff) + "." + (device & 0xff) + "."
                    + (host + 1));
        }

        /** Reads away what the topology produced (the driver keeps every output record until read). */
        void drain() {
            for (String topic : driver.producedTopicNames()) {
                var out = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                long n = out.getQueueSize();
                if (topic.equals(Topics.ALERTS.name())) {
                    alerts += n;
                }
                out.readRecordsToList();
            }
        }

        /** The serialized size of every peer's state, sorted. */
        long[] stateSizes() {
            KeyValueStore<PeerKey, PeerState> store = driver.getKeyValueStore(TunnelwatchTopology.PEER_STATE_STORE);
            Serializer<PeerState> json = new JsonSerde<>(PeerState.class).serializer();
            long[] sizes = new long[peers];
            int n = 0;
            try (KeyValueIterator<PeerKey, PeerState> all = store.all()) {
                while (all.hasNext()) {
                    sizes[n++] = json.serialize(Topics.PEER_STATE.name(), all.next().value).length;
                }
            }
            long[] found = Arrays.copyOf(sizes, n);
            Arrays.sort(found);
            return found;
        }

        @Override
        public void close() throws IOException {
            driver.close();
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // best effort: a temporary directory
            }
        }
    }
}
