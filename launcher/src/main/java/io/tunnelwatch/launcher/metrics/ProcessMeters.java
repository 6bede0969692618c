package io.tunnelwatch.launcher.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The JVM and process meters of every tunnelwatch process, through Micrometer's own binders: memory and buffer
 * pools, GC, threads, classes, CPU, load, uptime, open file descriptors.
 *
 * <p>Two of {@link ProcessorMetrics}' names break the Prometheus conventions, so {@link #naming()} replaces them:
 * {@code process.cpu.time} counts nanoseconds ({@code process_cpu_time_ns_total}) and gives way to
 * {@code process_cpu_seconds_total}, the name Prometheus' own client libraries use; the gauge
 * {@code system.cpu.count} would end in {@code _count}, reserved for histograms, and is served as
 * {@code system_cpus}.
 */
public final class ProcessMeters implements MeterBinder, AutoCloseable {

    static final String CPU_TIME_IN_NANOSECONDS = "process.cpu.time";
    static final String CPU_COUNT = "system.cpu.count";
    static final String CPUS = "system.cpus";
    static final String CPU_SECONDS = "process.cpu";

    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Install on the registry before {@link #bindTo}. */
    public static MeterFilter naming() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return CPU_COUNT.equals(id.getName()) ? id.withName(CPUS) : id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return CPU_TIME_IN_NANOSECONDS.equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot && hotspot.getProcessCpuTime() >= 0) {
            FunctionCounter.builder(CPU_SECONDS, hotspot, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time the Java virtual machine process has used")
                    .register(registry);
        }
    }

    /** Stops listening for GC notifications. */
    @Override
    public void close() {
        gc.close();
    }
}
