package io.tunnelwatch.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pass/fail rule of {@link OverloadHarness}: every phase ended with the all-in-one alive and recovered (a numbered
 * probe line sent over TCP after the load reached {@code tunnelwatch.events} in time), the peak heap in use stayed
 * under {@code -Xmx} minus {@link #HEAP_MARGIN}, the peak resident set under {@code -Xmx} plus {@link #OFF_HEAP}, and
 * the all-in-one's log holds no {@code OutOfMemoryError}.
 */
record OverloadVerdict(List<String> failures) {

    /** The share of -Xmx the heap in use must stay below. */
    static final double HEAP_MARGIN = 0.05;
    /** What the resident set may hold beyond -Xmx: metaspace, code, thread stacks, Netty's direct buffers, the broker's page-cache-backed maps. */
    static final long OFF_HEAP = 768L << 20;

    /** One phase's figures; {@code drops} by counter and reason, as deltas over the phase. */
    record Phase(String name, long offered, long accepted, Map<String, Long> drops, long peakHeapBytes,
                 long peakRssBytes, boolean recovered, double recoverySeconds, boolean alive) {

        String summaryLine() {
            String dropped = drops.isEmpty() ? "none" : drops.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT,
                    "overload %-11s offered %,d, accepted %,d, dropped {%s}, peak heap %d MiB, peak RSS %d MiB, %s",
                    name, offered, accepted, dropped, peakHeapBytes >> 20, peakRssBytes >> 20,
                    !alive ? "DEAD" : recovered
                            ? String.format(Locale.ROOT, "recovered (probe on the topic after %.1f s)", recoverySeconds)
                            : "NOT recovered");
        }
    }

    static OverloadVerdict judge(List<Phase> phases, long xmxBytes, boolean outOfMemoryInLog) {
        List<String> failures = new ArrayList<>();
        long heapBound = (long) (xmxBytes * (1 - HEAP_MARGIN));
        for (Phase phase : phases) {
            if (!phase.alive()) {
                failures.add(phase.name() + ": the all-in-one died");
            } else if (!phase.recovered()) {
                failures.add(phase.name() + ": the probe line did not reach tunnelwatch.events");
            }
            if (phase.peakHeapBytes() >= heapBound) {
                failures.add(String.format(Locale.ROOT, "%s: heap in use peaked at %d MiB, bound %d MiB",
                        phase.name(), phase.peakHeapBytes() >> 20, heapBound >> 20));
            }
            if (phase.peakRssBytes() >= xmxBytes + OFF_HEAP) {
                failures.add(String.format(Locale.ROOT, "%s: resident set peaked at %d MiB, bound %d MiB",
                        phase.name(), phase.peakRssBytes() >> 20, (xmxBytes + OFF_HEAP) >> 20));
            }
        }
        if (outOfMemoryInLog) {
            failures.add("OutOfMemoryError in the all-in-one's log");
        }
        return new OverloadVerdict(List.copyOf(failures));
    }

    boolean passed() {
        return failures.isEmpty();
    }

    String summaryLine() {
        return passed() ? "overload PASS" : "overload FAIL: " + String.join("; ", failures);
    }
}
