package io.tunnelwatch.simulator.load;

import java.time.Duration;
import java.util.Locale;

/** What a load run did, printed as one line. */
public record LoadReport(String transport, String collector, int routers, long sent, long failed,
                         Duration elapsed, long offeredRate) {

    public double rate() {
        return sent / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }

    public String summaryLine() {
        return String.format(Locale.ROOT,
                "load: sent %d messages in %.2f s (%.0f msg/s, offered %d msg/s) over %s to %s from %d routers,"
                        + " %d send failures", sent, elapsed.toNanos() / 1e9, rate(), offeredRate, transport,
                collector, routers, failed);
    }
}
