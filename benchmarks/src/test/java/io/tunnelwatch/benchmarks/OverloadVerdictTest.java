package io.tunnelwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverloadVerdictTest {

    private static final long XMX = 1L << 30;
    private static final long MIB = 1L << 20;

    private static OverloadVerdict.Phase phase(String name, long heap, long rss, boolean recovered, boolean alive) {
        return new OverloadVerdict.Phase(name, 2_000, 1_000, Map.of("syslog_dropped:backlog_full/udp", 1_000L), heap,
                rss, recovered, 1.5, alive);
    }

    @Test
    void shouldPassWhenEveryPhaseRecoveredWithinTheMemoryBounds() {
        OverloadVerdict verdict = OverloadVerdict.judge(List.of(phase("syslog-udp", 600 * MIB, 1_200 * MIB, true,
                true), phase("traps", 300 * MIB, 900 * MIB, true, true)), XMX, false);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.summaryLine()).isEqualTo("overload PASS");
    }

    @Test
    void shouldFailWhenTheHeapInUseReachesXmxMinusTheMargin() {
        OverloadVerdict verdict = OverloadVerdict.judge(List.of(phase("syslog-tcp", 1_000 * MIB, 1_200 * MIB, true,
                true)), XMX, false);

        assertThat(verdict.failures()).containsExactly("syslog-tcp: heap in use peaked at 1000 MiB, bound 972 MiB");
    }

    @Test
    void shouldFailWhenTheResidentSetExceedsXmxPlusTheOffHeapAllowance() {
        OverloadVerdict verdict = OverloadVerdict.judge(List.of(phase("connections", 500 * MIB, 1_800 * MIB, true,
                true)), XMX, false);

        assertThat(verdict.failures()).containsExactly("connections: resident set peaked at 1800 MiB, bound 1792 MiB");
    }

    @Test
    void shouldFailWhenAPhaseDidNotRecoverOrTheProcessDied() {
        OverloadVerdict verdict = OverloadVerdict.judge(List.of(phase("syslog-udp", MIB, MIB, false, true),
                phase("traps", MIB, MIB, false, false)), XMX, false);

        assertThat(verdict.failures()).containsExactly(
                "syslog-udp: the probe line did not reach tunnelwatch.events", "traps: the all-in-one died");
        assertThat(verdict.summaryLine()).startsWith("overload FAIL: syslog-udp");
    }

    @Test
    void shouldFailOnAnOutOfMemoryErrorInTheLogEvenWithinTheBounds() {
        OverloadVerdict verdict = OverloadVerdict.judge(List.of(phase("traps", MIB, MIB, true, true)), XMX, true);

        assertThat(verdict.failures()).containsExactly("OutOfMemoryError in the all-in-one's log");
    }

    @Test
    void shouldSummariseAPhaseWithItsDropsByReasonAndItsRecovery() {
        assertThat(phase("syslog-udp", 600 * MIB, 1_200 * MIB, true, true).summaryLine()).isEqualTo(
                "overload syslog-udp  offered 2,000, accepted 1,000, dropped {syslog_dropped:backlog_full/udp=1000},"
                        + " peak heap 600 MiB, peak RSS 1200 MiB, recovered (probe on the topic after 1.5 s)");
    }

    @Test
    void shouldReadDropCountersByReasonFromAPrometheusScrape() {
        var before = OverloadHarness.parse("""
                # TYPE tunnelwatch_syslog_dropped_total counter
                tunnelwatch_syslog_dropped_total{reason="backlog_full",transport="udp"} 10.0
                tunnelwatch_syslog_dropped_total{reason="closed",transport="udp"} 0.0
                """);
        var after = OverloadHarness.parse("""
                tunnelwatch_syslog_dropped_total{reason="backlog_full",transport="udp"} 110.0
                tunnelwatch_syslog_dropped_total{reason="closed",transport="udp"} 0.0
                tunnelwatch_kafka_failed_total{reason="send_error",topic="tunnelwatch.events"} 3.0
                """);

        assertThat(OverloadHarness.drops(OverloadHarness.delta(before, after))).containsExactly(
                Map.entry("kafka_failed:send_error", 3L), Map.entry("syslog_dropped:backlog_full/udp", 100L));
    }
}
