package io.tunnelwatch.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.poll.CounterLimits;
import io.tunnelwatch.collector.snmp.poll.Snmp4jClient;
import io.tunnelwatch.collector.snmp.poll.SnmpPoller;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Flat-out SNMP poll harness (not JMH: a poll is network-bound and asynchronous). N simulated devices all point at
 * one agent (e.g. snmpd with cipSecTunnelTable rows from {@code override} lines); CONCURRENCY polls are kept in
 * flight for SECONDS, each a full tunnelwatch poll (cikeTunnelTable, cipSecTunnelTable and interface walks, deltas,
 * samples). Prints one summary line: device polls/s, this JVM's CPU per poll (all threads, from
 * OperatingSystemMXBean), p50/p99 poll latency, rows per poll.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.tunnelwatch.benchmarks.SnmpPollBenchmark HOST:PORT
 * COMMUNITY DEVICES CONCURRENCY SECONDS [WARMUP_SECONDS]}
 */
public final class SnmpPollBenchmark {

    private SnmpPollBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] hostPort = args[0].split(":");
        String community = args[1];
        int deviceCount = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        InetAddress agent = InetAddress.getByName(hostPort[0]);
        var schedule = new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(2), 1);
        List<SnmpDevice> devices = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            devices.add(new SnmpDevice("sim-" + i, agent, Integer.parseInt(hostPort[1]),
                    new SnmpDevice.V2c(community), Set.of(), schedule));
        }
        var registry = new SimpleMeterRegistry();
        AtomicLong samples = new AtomicLong();
        try (var client = new Snmp4jClient();
             var poller = new SnmpPoller(client, s -> samples.incrementAndGet() >= 0, new TunnelIndex(),
                     Clock.systemUTC(), CounterLimits.DEFAULT, concurrency, registry)) {
            run(poller, devices, concurrency, warmup, null);
            double rowsBefore = rows(registry);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long[] latencies = new long[4_000_000];
            long t0 = System.nanoTime();
            int[] result = run(poller, devices, concurrency, seconds, latencies);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
            int polls = result[0];
            long[] sorted = Arrays.copyOf(latencies, polls);
            Arrays.sort(sorted);
            System.out.printf("snmp-poll-tunnelwatch agent=%s devices=%d conc=%d polls=%d failed=%d wall_s=%.1f "
                            + "device_polls_per_s=%.1f cpu_ms_per_poll=%.3f p50_ms=%.2f p99_ms=%.2f "
                            + "rows_per_poll=%.1f cores=%d%n",
                    args[0], deviceCount, concurrency, polls, result[1], wall, polls / wall, cpuMs / polls,
                    pct(sorted, 50), pct(sorted, 99), (rows(registry) - rowsBefore) / polls,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Keeps {@code concurrency} polls in flight, devices round-robin; returns {polls, failed}. */
    private static int[] run(SnmpPoller poller, List<SnmpDevice> devices, int concurrency, int seconds,
                             long[] latencies) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int next = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            SnmpDevice device = devices.get(next++ % devices.size());
            long started = System.nanoTime();
            poller.pollOnce(device).whenComplete((samples, error) -> {
                long n = done.getAndIncrement();
                if (latencies != null && n < latencies.length) {
                    latencies[(int) n] = System.nanoTime() - started;
                }
                if (error != null || samples.isEmpty() || !samples.get(0).deviceAnswered()) {
                    failed.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(concurrency);
        return new int[] {(int) Math.min(done.get(), latencies == null ? Long.MAX_VALUE : latencies.length),
            (int) failed.get()};
    }

    private static double rows(SimpleMeterRegistry registry) {
        return registry.find("tunnelwatch.snmp.rows.walked").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(sorted.length * p / 100.0) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
