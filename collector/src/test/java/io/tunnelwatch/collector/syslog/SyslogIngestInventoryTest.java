package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.sink.RawLineSink;
import io.tunnelwatch.collector.sink.RecordingEventSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest path with an inventory: unknown senders, sequence-number loss, raw copies. */
class SyslogIngestInventoryTest {

    private static final Inventory INVENTORY = InventoryLoader.parse("inventory.yaml", """
            devices:
              - name: rtr-hq-1
                addresses: [192.0.2.1]
              - name: rtr-hq-2
                addresses: [192.0.2.2]
            """);
    private static final String HQ1 = "192.0.2.1";
    private static final String STRANGER = "203.0.113.66";
    private static final String DOWN = "<189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: "
            + "Crypto tunnel is DOWN.  Peer 198.51.100.7:500";
    private static final String CONFIG = "<189>505: *Nov 26 10:00:01.123: %SYS-5-CONFIG_I: Configured from console";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final List<String> raw = new ArrayList<>();
    private PublishOutcome rawAnswer = PublishOutcome.QUEUED;
    private final RawLineSink rawSink = (key, line) -> {
        raw.add(key + " " + line);
        return rawAnswer;
    };

    private SyslogIngest ingest(boolean reject, boolean rawCopy) {
        return new SyslogIngest(new IngestConfig(INVENTORY, reject, rawCopy), sink, rawSink,
                Clock.fixed(Instant.parse("2026-11-26T10:00:02Z"), ZoneOffset.UTC), registry);
    }

    private static String numbered(long sequence) {
        return "<189>" + sequence + ": " + sequence + ": *Nov 26 10:00:01.123: %SYS-5-CONFIG_I: Configured";
    }

    @Test
    void shouldAcceptAndCountLinesFromSendersTheInventoryDoesNotList() {
        SyslogIngest ingest = ingest(false, false);

        ingest.accept(DOWN, HQ1, Transport.UDP);
        ingest.accept(DOWN, STRANGER, Transport.UDP);

        assertThat(sink.events()).extracting(e -> e.device()).containsExactly("rtr-hq-1", STRANGER);
        assertThat(registry.get("tunnelwatch.syslog.unknown.senders").counter().count()).isEqualTo(1);
        assertThat(dropped("unknown_sender")).isZero();
    }

    @Test
    void shouldDropAndCountLinesFromUnknownSendersWhenTold() {
        SyslogIngest ingest = ingest(true, true);

        ingest.accept(DOWN, STRANGER, Transport.UDP);
        ingest.accept(CONFIG, STRANGER, Transport.UDP);
        ingest.accept(DOWN, HQ1, Transport.UDP);

        assertThat(sink.events()).extracting(e -> e.device()).containsExactly("rtr-hq-1");
        assertThat(dropped("unknown_sender")).isEqualTo(2);
        assertThat(registry.get("tunnelwatch.syslog.unknown.senders").counter().count()).isEqualTo(2);
        assertThat(raw).as("a rejected line is not copied either").isEmpty();
    }

    @Test
    void shouldCountNoSenderUnknownWithoutAnInventory() {
        SyslogIngest ingest = new SyslogIngest(new IngestConfig(Inventory.empty(), true, false), sink, null,
                Clock.systemUTC(), registry);

        ingest.accept(DOWN, STRANGER, Transport.UDP);

        assertThat(sink.events()).hasSize(1);
        assertThat(registry.get("tunnelwatch.syslog.unknown.senders").counter().count()).isZero();
    }

    @Test
    void shouldRegisterTheLossSeriesOfEveryInventoryDeviceAtStart() {
        ingest(false, false);

        assertThat(registry.find("tunnelwatch.syslog.lost").functionCounters())
                .extracting(c -> c.getId().getTag("device"))
                .containsExactlyInAnyOrder("rtr-hq-1", "rtr-hq-2");
        assertThat(lost("rtr-hq-1")).isZero();
    }

    @Test
    void shouldCountSequenceGapsPerDeviceAcrossIgnoredAndEventLines() {
        SyslogIngest ingest = ingest(false, false);

        ingest.accept(numbered(1), HQ1, Transport.UDP);
        ingest.accept("<189>2: 2: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP.  Peer"
                + " 198.51.100.7:500", HQ1, Transport.UDP);
        for (long s = 100; s < 100 + SequenceGapTracker.DEFAULT_WINDOW + 3; s++) {
            ingest.accept(numbered(s), HQ1, Transport.UDP);
        }
        ingest.accept(numbered(7), "192.0.2.2", Transport.UDP);

        assertThat(lost("rtr-hq-1")).isEqualTo(97);
        assertThat(lost("rtr-hq-2")).isZero();
    }

    @Test
    void shouldTrackDevicesOutsideTheInventoryToo() {
        SyslogIngest ingest = ingest(false, false);

        ingest.accept(numbered(5), STRANGER, Transport.UDP);

        assertThat(lost(STRANGER)).isZero();
    }

    @Test
    void shouldCopyIgnoredAndUnparsedLinesRawButNotEventsOrEmptyLines() {
        SyslogIngest ingest = ingest(false, true);

        ingest.accept(DOWN, HQ1, Transport.UDP);
        ingest.accept(CONFIG + "\n", HQ1, Transport.TCP);
        ingest.accept("not cisco at all", STRANGER, Transport.UDP);
        ingest.accept("\r\n", HQ1, Transport.UDP);

        assertThat(raw).containsExactly("rtr-hq-1 " + CONFIG, STRANGER + " not cisco at all");
    }

    @Test
    void shouldCopyNothingRawUnlessConfigured() {
        SyslogIngest ingest = ingest(false, false);

        ingest.accept(CONFIG, HQ1, Transport.UDP);

        assertThat(raw).isEmpty();
        assertThat(registry.get("tunnelwatch.syslog.ignored").tag("transport", "udp").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldCountARawCopyTheRawSinkRefuses() {
        SyslogIngest ingest = ingest(false, true);
        rawAnswer = PublishOutcome.QUEUE_FULL;

        ingest.accept(CONFIG, HQ1, Transport.UDP);

        assertThat(registry.get("tunnelwatch.syslog.raw.dropped").tag("reason", "queue_full").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("tunnelwatch.syslog.ignored").tag("transport", "udp").counter().count())
                .as("the line itself was read").isEqualTo(1);
    }

    private double lost(String device) {
        FunctionCounter c = registry.get("tunnelwatch.syslog.lost").tag("device", device).functionCounter();
        return c.count();
    }

    private double dropped(String reason) {
        return registry.get("tunnelwatch.syslog.dropped").tag("transport", "udp").tag("reason", reason).counter()
                .count();
    }
}
