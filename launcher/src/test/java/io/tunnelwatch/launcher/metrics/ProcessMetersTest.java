package io.tunnelwatch.launcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JVM and process meters every role serves, under names that follow the Prometheus conventions. */
class ProcessMetersTest {

    private static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(ProcessMeters.naming());
        try (ProcessMeters meters = new ProcessMeters()) {
            meters.bindTo(registry);
            return registry.scrape();
        }
    }

    @Test
    void shouldServeJvmAndProcessFamiliesOfMicrometersBinders() {
        assertThat(scrape()).contains("# TYPE jvm_memory_used_bytes gauge", "# TYPE jvm_threads_live_threads gauge",
                "# TYPE jvm_classes_loaded_classes gauge", "# TYPE process_uptime_seconds gauge",
                "# TYPE process_files_open_files gauge", "# TYPE process_cpu_usage gauge",
                "# TYPE system_load_average_1m gauge", "jvm_gc_");
    }

    @Test
    void shouldCountProcessCpuInSecondsUnderThePrometheusClientsName() {
        String page = scrape();

        Matcher cpu = Pattern.compile("^process_cpu_seconds_total (\\S+)$", Pattern.MULTILINE).matcher(page);
        assertThat(cpu.find()).as("process_cpu_seconds_total served").isTrue();
        // A JVM that has started and loaded classes has used well over a millisecond and less than a day.
        assertThat(Double.parseDouble(cpu.group(1))).isBetween(0.001, 86_400.0);
        assertThat(page).doesNotContain("process_cpu_time_ns_total");
    }

    @Test
    void shouldServeTheProcessorCountAsAGaugeNotEndingInCount() {
        String page = scrape();

        assertThat(page).contains("# TYPE system_cpus gauge",
                "system_cpus " + (double) Runtime.getRuntime().availableProcessors())
                .doesNotContain("system_cpu_count");
    }
}
