package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.collector.metrics.CollectorMeters.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The poller's meters, registered at start so every series exists before the first poll. */
final class PollMeters {

    static final List<String> OUTCOMES = List.of("ok", "timeout", "report", "error",
            AuthoritativeEngines.DISCOVERY_FAILED, "skipped_busy");
    static final List<String> TABLES = List.of("cikeTunnelTable", "cipSecTunnelTable", "ifTable",
            "rttMonCtrlAdminTable", FailureTableWatch.IKE_TABLE, FailureTableWatch.IPSEC_TABLE);

    private final Map<String, Counter> polls = new ConcurrentHashMap<>();
    private final Map<String, Counter> rows = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    final Timer duration;
    final AtomicInteger inFlight = new AtomicInteger();
    final Counter samplesDropped;

    PollMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : OUTCOMES) {
            polls.put(outcome, Counter.builder(SNMP_POLLS.meterName()).description(SNMP_POLLS.description())
                    .tag("outcome", outcome).register(registry));
        }
        for (String table : TABLES) {
            rows.put(table, Counter.builder(SNMP_ROWS_WALKED.meterName())
                    .description(SNMP_ROWS_WALKED.description()).tag("table", table).register(registry));
        }
        duration = Timer.builder(SNMP_POLL_DURATION.meterName()).description(SNMP_POLL_DURATION.description())
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        Gauge.builder(SNMP_POLLS_IN_FLIGHT.meterName(), inFlight, AtomicInteger::get)
                .description(SNMP_POLLS_IN_FLIGHT.description()).register(registry);
        samplesDropped = Counter.builder(SNMP_SAMPLES_DROPPED.meterName())
                .description(SNMP_SAMPLES_DROPPED.description()).register(registry);
    }

    void poll(String outcome) {
        polls.getOrDefault(outcome, polls.get("error")).increment();
    }

    /** A failure-table row new since the last poll, by table, reason and what became of it. */
    void failure(String table, String reason, FailureTableWatch.Outcome outcome) {
        failures.computeIfAbsent(table + "|" + reason + "|" + outcome, k -> Counter.builder(
                SNMP_FAILURE_ROWS.meterName()).description(SNMP_FAILURE_ROWS.description())
                .tags("table", table, "reason", reason, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }

    void rows(String table, int count) {
        rows.get(table).increment(count);
    }
}
