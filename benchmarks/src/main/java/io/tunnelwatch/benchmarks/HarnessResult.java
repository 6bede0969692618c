package io.tunnelwatch.benchmarks;

import java.util.Locale;

/**
 * What one {@link LoadHarness} run measured.
 *
 * @param events       records the collector wrote to {@code tunnelwatch.events} during the run
 * @param loadSeconds  from starting {@code simulate --load} until it exited
 * @param drainSeconds from the end of the load until the streams app had committed every event
 * @param totalSeconds from the start of the load until the streams app had committed every event
 * @param committedInLoad events the streams app committed while the load ran: with {@code loadSeconds}, what it
 *                        did while the collector, the broker and the load generator shared the CPU with it
 * @param peakLag      the largest committed lag on {@code tunnelwatch.events} seen (sampled every 200 ms)
 * @param brokerBytes  growth of every partition's log on the broker (as stored: compressed batches)
 * @param eventBytes   growth of {@code tunnelwatch.events}'s logs
 * @param peakRssBytes the all-in-one's peak resident set, -1 when unknown
 * @param cpu          the cores the all-in-one and the load generator used
 * @param loadSummary  the summary line of {@code simulate --load}
 */
record HarnessResult(long events, double loadSeconds, double drainSeconds, double totalSeconds,
        long committedInLoad, long peakLag,
        long brokerBytes, long eventBytes, long peakRssBytes, Cpu cpu, String loadSummary) {

    /**
     * Average cores used, -1 when unknown.
     *
     * @param allInOneInLoad  the all-in-one (collector, broker, streams app) while the load ran
     * @param allInOneInDrain the all-in-one from the end of the load until the streams app had caught up
     * @param generator       {@code simulate --load} while it ran (read every 200 ms, so its last moments are
     *                        missed)
     */
    record Cpu(double allInOneInLoad, double allInOneInDrain, double generator) {
    }

    String summaryLine(String label) {
        long stateBytes = brokerBytes - eventBytes;
        return String.format(Locale.ROOT, "%s events=%d offered_events_per_s=%.0f streams_events_per_s=%.0f"
                        + " streams_events_per_s_in_load=%.0f streams_events_per_s_in_drain=%.0f"
                        + " peak_lag=%d drain_s=%.1f broker_bytes_per_event=%.0f state_bytes_per_event_byte=%.2f"
                        + " rss_mb=%d allinone_cores_in_load=%.2f allinone_cores_in_drain=%.2f generator_cores=%.2f"
                        + " | %s",
                label, events, events / loadSeconds, events / totalSeconds, committedInLoad / loadSeconds,
                (events - committedInLoad) / Math.max(0.001, drainSeconds), peakLag, drainSeconds,
                (double) brokerBytes / Math.max(1, events), (double) stateBytes / Math.max(1, eventBytes),
                peakRssBytes < 0 ? -1 : peakRssBytes / (1024 * 1024), cpu.allInOneInLoad(), cpu.allInOneInDrain(),
                cpu.generator(), loadSummary);
    }
}
