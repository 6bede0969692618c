package io.tunnelwatch.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.catalog.MessageCatalog;
import io.tunnelwatch.collector.kafka.PublishOutcome;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.IosSyslogParser;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.SyslogParseResult;
import io.tunnelwatch.collector.syslog.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The collector's per-line hot path on a realistic mix of IOS-XE lines (header variants, crypto messages, a
 * relayed line, a non-crypto line, a debug line): {@code parse} is header + catalog; {@code ingest} is the whole
 * path a datagram takes after Netty (bytes → String → parse → catalog → TunnelEvent → counters → sink), with a sink
 * that accepts everything. Run with {@code -prof gc} for bytes allocated per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyslogParseBenchmark {

    private final IosSyslogParser parser = new IosSyslogParser();
    private final MessageCatalog catalog = new MessageCatalog();
    private String[] lines;
    private byte[][] datagrams;
    private SyslogIngest ingest;
    private int next;

    @Setup
    public void load() throws IOException {
        try (InputStream in = SyslogParseBenchmark.class.getResourceAsStream("/realistic-mix.log")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toArray(String[]::new);
        }
        datagrams = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            datagrams[i] = lines[i].getBytes(StandardCharsets.UTF_8);
        }
        ingest = new SyslogIngest(DeviceResolver.bySenderAddress(), event -> PublishOutcome.QUEUED,
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == lines.length ? 0 : i + 1;
        return i;
    }

    /** Header parse and catalog lookup of one line. */
    @Benchmark
    public void parse(Blackhole bh) {
        SyslogParseResult r = parser.parse(lines[nextIndex()]);
        if (r instanceof SyslogParseResult.Parsed p) {
            bh.consume(catalog.match(p.message()));
        } else {
            bh.consume(r);
        }
    }

    /** The whole per-datagram path after Netty, from the bytes. */
    @Benchmark
    public void ingest() {
        byte[] d = datagrams[nextIndex()];
        ingest.accept(new String(d, StandardCharsets.UTF_8), "192.0.2.1", Transport.UDP);
    }
}
