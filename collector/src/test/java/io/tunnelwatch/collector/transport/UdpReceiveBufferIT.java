package io.tunnelwatch.collector.transport;

import static io.tunnelwatch.testsupport.LogCapture.warningsWhile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The UDP listener's receive buffer against the kernel's limit ({@code net.core.rmem_max}): a size asked for on
 * purpose and not granted is a warning the operator must act on; the default, more than a stock kernel grants, is not.
 */
class UdpReceiveBufferIT {

    private static final int ONE_GIB = 1 << 30;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SyslogServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldWarnOnceWhenTheKernelGrantsLessThanTheBufferAskedFor() throws Exception {
        assumeTrue(kernelLimit() < ONE_GIB, "needs a kernel that grants less than 1 GiB");

        List<String> warnings = warningsWhile(() -> start(withReceiveBuffer(ONE_GIB)));

        assertThat(warnings).singleElement().asString().startsWith(SyslogServer.class.getName() + ": ")
                .contains("asked " + ONE_GIB).contains("sysctl -w net.core.rmem_max=" + ONE_GIB);
    }

    @Test
    void shouldNotWarnWhenTheKernelGrantsLessThanTheDefault() throws Exception {
        assumeTrue(kernelLimit() < SyslogListenerConfig.DEFAULT_UDP_RECEIVE_BUFFER, "needs a kernel that grants less");

        assertThat(warningsWhile(() -> start(withReceiveBuffer(SyslogListenerConfig.DEFAULT_UDP_RECEIVE_BUFFER))))
                .isEmpty();
    }

    private static SyslogListenerConfig withReceiveBuffer(int bytes) {
        SyslogListenerConfig d = SyslogListenerConfig.defaults();
        return new SyslogListenerConfig("127.0.0.1", 0, -1, d.maxFrameLength(), bytes, 1, -1, null, 1,
                d.idleTimeout(), d.maxConnections());
    }

    private void start(SyslogListenerConfig config) {
        SyslogIngest ingest = new SyslogIngest(DeviceResolver.bySenderAddress(), event -> PublishOutcome.QUEUED,
                Clock.systemUTC(), registry);
        server = new SyslogServer(config, ingest, registry);
        server.start();
    }

    /** {@code net.core.rmem_max}, or the largest int where there is no such file (not Linux). */
    private static long kernelLimit() throws Exception {
        Path file = Path.of("/proc/sys/net/core/rmem_max");
        return Files.isReadable(file) ? Long.parseLong(Files.readString(file).trim()) : Integer.MAX_VALUE;
    }
}
