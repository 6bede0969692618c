package io.tunnelwatch.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.catalog.MessageCatalog;
import io.tunnelwatch.collector.parse.IosSyslogParser;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.LineOutcome;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.SyslogLineReader;
import io.tunnelwatch.collector.syslog.Transport;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
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
 * that accepts everything. The parts, to see where the time goes: {@code header} is the IOS header parser alone,
 * {@code catalog} the catalog lookup of an already parsed message, {@code serialize} the JSON the Kafka producer
 * writes for each event of the mix (value serializer of {@code tunnelwatch.events}), {@code deserialize} the streams
 * app's read of that JSON. Run with {@code -prof gc} for
 * bytes allocated per line.
 *
 * <p>{@code parse} and {@code catalog} read every text afresh ({@link MessageCatalog#uncached}): the cost of a text
 * the collector has not seen lately. {@code catalogRemembered} is the same lookup through the catalog the collector
 * runs, which remembers recent texts: the cost of a text seen again (floods are mostly that). {@code ingest} runs the
 * collector's own catalog, so after the first round it measures remembered texts too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyslogParseBenchmark {

    private final IosSyslogParser parser = new IosSyslogParser();
    private final MessageCatalog catalog = MessageCatalog.uncached();
    private final MessageCatalog rememberingCatalog = new MessageCatalog();
    private String[] lines;
    private byte[][] datagrams;
    private SyslogMessage[] messages;
    private TunnelEvent[] events;
    private final Serializer<TunnelEvent> eventSerializer = Topics.EVENTS.valueSerde().serializer();
    private final Deserializer<TunnelEvent> eventDeserializer = Topics.EVENTS.valueSerde().deserializer();
    private byte[][] eventBytes;
    private int nextBytes;
    private SyslogIngest ingest;
    private int next;
    private int nextMessage;
    private int nextEvent;

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
        List<SyslogMessage> parsed = new ArrayList<>();
        List<TunnelEvent> read = new ArrayList<>();
        SyslogLineReader reader = new SyslogLineReader(DeviceResolver.bySenderAddress(), Clock.systemUTC());
        for (String line : lines) {
            if (parser.parse(line) instanceof SyslogParseResult.Parsed p) {
                parsed.add(p.message());
            }
            if (reader.read(line, "192.0.2.1", "udp") instanceof LineOutcome.Event e) {
                read.add(e.event());
            }
        }
        messages = parsed.toArray(SyslogMessage[]::new);
        events = read.toArray(TunnelEvent[]::new);
        eventBytes = read.stream().map(e -> eventSerializer.serialize(Topics.EVENTS.name(), e))
                .toArray(byte[][]::new);
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

    /** The IOS header parser alone. */
    @Benchmark
    public SyslogParseResult header() {
        return parser.parse(lines[nextIndex()]);
    }

    /** The catalog lookup of one parsed message of the mix. */
    @Benchmark
    public Object catalog() {
        int i = nextMessage;
        nextMessage = i + 1 == messages.length ? 0 : i + 1;
        return catalog.match(messages[i]);
    }

    /** The catalog lookup of a parsed message whose text the catalog has read before. */
    @Benchmark
    public Object catalogRemembered() {
        int i = nextMessage;
        nextMessage = i + 1 == messages.length ? 0 : i + 1;
        return rememberingCatalog.match(messages[i]);
    }

    /** The JSON the Kafka producer writes for one event of the mix. */
    @Benchmark
    public byte[] serialize() {
        int i = nextEvent;
        nextEvent = i + 1 == events.length ? 0 : i + 1;
        return eventSerializer.serialize(Topics.EVENTS.name(), events[i]);
    }

    /** The streams app's read of one event of the mix from {@code tunnelwatch.events}. */
    @Benchmark
    public TunnelEvent deserialize() {
        int i = nextBytes;
        nextBytes = i + 1 == eventBytes.length ? 0 : i + 1;
        return eventDeserializer.deserialize(Topics.EVENTS.name(), eventBytes[i]);
    }

    /** The whole per-datagram path after Netty, from the bytes. */
    @Benchmark
    public void ingest() {
        byte[] d = datagrams[nextIndex()];
        ingest.accept(new String(d, StandardCharsets.UTF_8), "192.0.2.1", Transport.UDP);
    }
}
