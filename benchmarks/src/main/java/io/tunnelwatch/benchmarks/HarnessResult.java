package io.tunnelwatch.benchmarks;

import java.util.Locale;

/**
 * What one {@link LoadHarness} run measured.
 *
 * @param events       records the collector wrote to {@code tunnelwatch.events} during the run
 * @param lagAtStart   events not committed yet when the measurement started (after a lead-in, what the app had
 *                     still to do of it; the app commits these too before the run ends)
 * @param loadSeconds  from starting {@code simulate --load} until it exited
 * @param drainSeconds from the end of the load until the streams app had committed every event
 * @param totalSeconds from the start of the load until the streams app had committed every event
 * @param committedInLoad events the streams app committed while the load ran: with {@code loadSeconds}, what it
 *                        did while the collector, the broker and the load generator shared the CPU with it
 * @param lag          the committed lag on {@code tunnelwatch.events} (sampled every 200 ms)
 * @param brokerBytes  growth of every partition's log on the broker (as stored: compressed batches)
 * @param eventBytes   growth of {@code tunnelwatch.events}'s logs
 * @param peakRssBytes the all-in-one's peak resident set, -1 when unknown
 * @param cpu          the cores the all-in-one and the load generator used
 * @param engine       what the streams app did besides processing, from its {@code /metrics}
 * @param loadSummary  the summary line of {@code simulate --load}
 */
record HarnessResult(long events, long lagAtStart, double loadSeconds, double drainSeconds, double totalSeconds,
        long committedInLoad, Lag lag,
        long brokerBytes, long eventBytes, long peakRssBytes, Cpu cpu, Engine engine, String loadSummary) {

    /**
     * Average cores used, -1 when unknown.
     *
     * @param allInOneInLoad  the all-in-one (collector, broker, streams app) while the load ran
     * @param jitInLoad       of those, its JIT compiler threads': a process still compiling its hot code is not warm
     *                        yet (docs/performance.md#the-jits-long-tail)
     * @param allInOneInDrain the all-in-one from the end of the load until the streams app had caught up
     * @param generator       {@code simulate --load} while it ran (read every 200 ms, so its last moments are
     *                        missed)
     * @param harness         this harness (its probe reads the broker five times a second) over the load and the
     *                        drain
     */
    record Cpu(double allInOneInLoad, double jitInLoad, double allInOneInDrain, double generator, double harness) {
    }

    /**
     * The streams app's committed lag on {@code tunnelwatch.events}, from samples every 200 ms. A commit comes every
     * second, so the committed lag includes up to a second of events processed and not committed yet.
     *
     * @param peakEvents  the largest lag seen, in events
     * @param peakSeconds the largest age of the oldest event not committed yet (now less its receive time)
     * @param overTwoSeconds seconds of samples whose age was over 2 s
     * @param unread      samples whose oldest event could not be read back (their age counts as unknown)
     */
    record Lag(long peakEvents, double peakSeconds, double overTwoSeconds, long unread) {
    }

    /**
     * From the all-in-one's {@code /metrics} as the measurement started and once the app had caught up; -1 when it
     * could not be read. Runs of one build differ in these: the simulated fleet's alerts open over its run, and each
     * asks for a commit at once (docs/performance.md, "The load generator's start").
     *
     * @param commits    commits of the app's stream threads ({@code kafka_stream_thread_commit_total})
     * @param alertsOpen alerts open at the end ({@code tunnelwatch_alerts_open})
     */
    record Engine(long commits, long alertsOpen) {
        static final Engine UNKNOWN = new Engine(-1, -1);
    }

    String summaryLine(String label) {
        long stateBytes = brokerBytes - eventBytes;
        // Every event of the run and those left over when it started: the app has committed all once it ends.
        long committed = events + lagAtStart;
        return String.format(Locale.ROOT, "%s events=%d offered_events_per_s=%.0f streams_events_per_s=%.0f"
                        + " streams_events_per_s_in_load=%.0f streams_events_per_s_in_drain=%.0f"
                        + " peak_lag=%d peak_lag_s=%.1f lag_over_2s_s=%.1f%s%s drain_s=%.1f"
                        + " broker_bytes_per_event=%.0f state_bytes_per_event_byte=%.2f"
                        + " rss_mb=%d allinone_cores_in_load=%.2f jit_cores_in_load=%.2f allinone_cores_in_drain=%.2f"
                        + " generator_cores=%.2f harness_cores=%.2f commits=%d alerts_open=%d"
                        + " | %s",
                label, events, events / loadSeconds, committed / totalSeconds, committedInLoad / loadSeconds,
                (committed - committedInLoad) / Math.max(0.001, drainSeconds), lag.peakEvents(), lag.peakSeconds(),
                lag.overTwoSeconds(), lag.unread() == 0 ? "" : " lag_age_unread=" + lag.unread(),
                lagAtStart == 0 ? "" : " lag_at_start=" + lagAtStart, drainSeconds,
                (double) brokerBytes / Math.max(1, events), (double) stateBytes / Math.max(1, eventBytes),
                peakRssBytes < 0 ? -1 : peakRssBytes / (1024 * 1024), cpu.allInOneInLoad(), cpu.jitInLoad(),
                cpu.allInOneInDrain(), cpu.generator(), cpu.harness(), engine.commits(), engine.alertsOpen(),
                loadSummary);
    }
}
