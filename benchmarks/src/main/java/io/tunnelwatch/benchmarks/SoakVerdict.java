package io.tunnelwatch.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The judgement of a soak: the five minutes after the warm-up against the last five. The heap's floor (its lowest
 * sample, what survives collections) and the largest resident set beyond the committed heap, descriptor and thread
 * counts of each window; an
 * alert opened and never resolved, or a transition given twice, fails the run whatever the memory did.
 */
record SoakVerdict(long firstHeapFloor, long lastHeapFloor, long firstRss, long lastRss, long firstNative,
        long lastNative, long firstFds, long lastFds,
        long firstThreads, long lastThreads, SoakAlerts alerts, List<String> failures) {

    static SoakVerdict judge(List<SoakSample> samples, Duration warmUp, Duration window, SoakAlerts alerts) {
        Duration end = samples.get(samples.size() - 1).at();
        List<SoakSample> first = between(samples, warmUp, warmUp.plus(window));
        List<SoakSample> last = between(samples, end.minus(window), end.plusSeconds(1));
        long firstHeap = min(first, SoakSample::heapBytes);
        long lastHeap = min(last, SoakSample::heapBytes);
        long firstRss = max(first, SoakSample::rssBytes);
        long lastRss = max(last, SoakSample::rssBytes);
        long firstNative = max(first, SoakSample::nativeBytes);
        long lastNative = max(last, SoakSample::nativeBytes);
        long firstFds = max(first, SoakSample::fds);
        long lastFds = max(last, SoakSample::fds);
        long firstThreads = max(first, SoakSample::threads);
        long lastThreads = max(last, SoakSample::threads);
        List<String> failures = new ArrayList<>();
        if (lastHeap > firstHeap * 1.2) {
            failures.add("heap floor grew more than 20 %");
        }
        if (lastNative > firstNative * 1.1) {
            failures.add("resident set beyond the committed heap grew more than 10 %");
        }
        if (lastFds > firstFds + 5) {
            failures.add("file descriptors grew by more than 5");
        }
        if (lastThreads > firstThreads + 3) {
            failures.add("threads grew by more than 3");
        }
        if (alerts.opened() < 8) {
            failures.add("fewer alerts opened than the scenario's 8 faults");
        }
        if (!alerts.leftOpen().isEmpty()) {
            failures.add("alerts left open: " + alerts.leftOpen());
        }
        if (!alerts.doubled().isEmpty()) {
            failures.add("alerts opened or resolved twice: " + alerts.doubled());
        }
        if (alerts.unreadable() > 0) {
            failures.add(alerts.unreadable() + " unreadable alert records");
        }
        return new SoakVerdict(firstHeap, lastHeap, firstRss, lastRss, firstNative, lastNative, firstFds, lastFds,
                firstThreads, lastThreads,
                alerts, failures);
    }

    boolean passed() {
        return failures.isEmpty();
    }

    String summaryLine(int minutes) {
        return String.format(Locale.ROOT, "soak %s minutes=%d heap_floor_mb=%d->%d rss_mb=%d->%d rss_beyond_heap_mb=%d->%d fds=%d->%d"
                        + " threads=%d->%d alerts_opened=%d left_open=%d doubled=%d%s",
                passed() ? "PASS" : "FAIL", minutes, firstHeapFloor >> 20, lastHeapFloor >> 20, firstRss >> 20,
                lastRss >> 20, firstNative >> 20, lastNative >> 20, firstFds, lastFds, firstThreads, lastThreads, alerts.opened(),
                alerts.leftOpen().size(), alerts.doubled().size(), passed() ? "" : " | " + String.join("; ", failures));
    }

    private static List<SoakSample> between(List<SoakSample> samples, Duration from, Duration to) {
        List<SoakSample> in = samples.stream().filter(s -> s.at().compareTo(from) >= 0 && s.at().compareTo(to) < 0)
                .toList();
        if (in.isEmpty()) {
            throw new IllegalStateException("no sample between " + from + " and " + to);
        }
        return in;
    }

    private static long min(List<SoakSample> samples, ToLongFunction<SoakSample> value) {
        return samples.stream().mapToLong(value).min().orElseThrow();
    }

    private static long max(List<SoakSample> samples, ToLongFunction<SoakSample> value) {
        return samples.stream().mapToLong(value).max().orElseThrow();
    }
}
