package io.tunnelwatch.collector.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.tunnelwatch.collector.framing.SyslogFrameDecoder;
import io.tunnelwatch.collector.sink.RecordingEventSink;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.testsupport.LogCapture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty adapters, driven through {@link EmbeddedChannel}: bytes in, events at the sink, nothing left over.
 * The stream handler reads the peer address as an {@link InetSocketAddress} in {@code channelActive}, which a plain
 * EmbeddedChannel does not have, hence {@link RemoteChannel}.
 */
class SyslogTransportHandlersTest {

    private static final int MAX_FRAME = 256;
    private static final String DOWN = "<189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: "
            + "Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7";
    private static final String UP_V2 = "<189>13: *Nov 26 10:00:02.456: %CRYPTO-5-IKEV2_SESSION_STATUS: "
            + "Crypto tunnel v2 is UP.  Peer 203.0.113.9:4500  Id: 203.0.113.9";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final SyslogIngest ingest = new SyslogIngest(DeviceResolver.bySenderAddress(), sink,
            Clock.fixed(Instant.parse("2026-11-26T10:00:03Z"), ZoneOffset.UTC), registry);
    private EmbeddedChannel channel;
    private SyslogFrameDecoder decoder;
    private DatagramBacklog backlog;

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        if (backlog != null) {
            backlog.close();
        }
    }

    /** A UDP socket's pipeline: its handler and the backlog its parse thread reads. */
    private EmbeddedChannel udp() {
        backlog = new DatagramBacklog(ingest, registry, "0");
        return new EmbeddedChannel(new SyslogDatagramHandler(ingest, backlog));
    }

    @Test
    void shouldHandADatagramToTheIngestWithItsSenderAddress() {
        channel = udp();
        DatagramPacket packet = datagram(DOWN, new InetSocketAddress("192.0.2.1", 51514));

        assertThat(channel.writeInbound(packet)).as("nothing passed down the pipeline").isFalse();

        await().untilAsserted(() -> assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.device()).isEqualTo("192.0.2.1");
            assertThat(e.source()).isEqualTo("192.0.2.1");
            assertThat(e.transport()).isEqualTo("udp");
            assertThat(e.kind()).isEqualTo(EventKind.SESSION_DOWN);
            assertThat(e.peer()).isEqualTo("192.0.2.7");
        }));
        assertThat(packet.refCnt()).as("datagram released").isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldNameAnIpv6SenderInCanonicalForm() {
        channel = udp();

        channel.writeInbound(datagram(UP_V2, new InetSocketAddress("2001:DB8:0:0:0:0:0:9", 51514)));

        await().untilAsserted(() -> assertThat(sink.events()).singleElement().extracting(TunnelEvent::source)
                .isEqualTo("2001:db8::9"));
    }

    @Test
    void shouldCountAGarbageDatagramAsUnparsedAndKeepTheChannelOpen() {
        channel = udp();
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 0, 0x25, 0x0a}),
                new InetSocketAddress("127.0.0.1", 514), new InetSocketAddress("192.0.2.1", 51514));

        channel.writeInbound(packet);

        await().untilAsserted(() -> assertThat(
                count("tunnelwatch.syslog.unparsed", "transport", "udp", "reason", "no_cisco_mnemonic")).isEqualTo(1));
        assertThat(sink.events()).isEmpty();
        assertThat(packet.refCnt()).isZero();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void shouldDropADatagramThatFilledItsReadSlotAsTooLongSayWhyAndTakeTheNextOne() throws Exception {
        channel = udp();
        // recvmmsg truncates a longer datagram to its slot: a full slot cannot be told from a cut one.
        String huge = DOWN + " " + "x".repeat(SyslogDatagramHandler.MAX_DATAGRAM);
        DatagramPacket cut = datagram(huge.substring(0, SyslogDatagramHandler.MAX_DATAGRAM),
                new InetSocketAddress("192.0.2.1", 51514));

        List<String> warnings = LogCapture.warningsWhile(() -> {
            channel.writeInbound(cut);
            channel.writeInbound(datagram(DOWN, new InetSocketAddress("192.0.2.1", 51514)));
        });

        assertThat(count("tunnelwatch.syslog.dropped", "transport", "udp", "reason", "frame_too_long")).isEqualTo(1);
        assertThat(warnings).anyMatch(w -> w.contains("Dropped a syslog datagram from 192.0.2.1 before parsing:"
                + " frame_too_long"));
        await().untilAsserted(() -> assertThat(sink.events()).hasSize(1));
        assertThat(cut.refCnt()).isZero();
    }

    @Test
    void shouldEmitOneEventPerLineWhenTwoLinesArriveInOneWrite() throws Exception {
        channel = tcp();

        channel.writeInbound(bytes(DOWN + "\r\n" + UP_V2 + "\n"));

        assertThat(sink.events()).extracting(TunnelEvent::peer).containsExactly("192.0.2.7", "203.0.113.9");
        assertThat(sink.events()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("192.0.2.1");
            assertThat(e.transport()).isEqualTo("tcp");
        });
        assertThat(sink.events().get(0).text()).as("CR stripped with the LF").endsWith("Id: 192.0.2.7");
        assertNothingLeft();
    }

    /** The clock is read once per socket read: its lines share a receive time, and the next read gets a later one. */
    @Test
    void shouldStampTheLinesOfOneReadWithOneClockReadingAndTheNextReadWithALaterOne() throws Exception {
        AtomicLong reads = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                return Instant.parse("2026-11-26T10:00:00Z").plusSeconds(reads.incrementAndGet());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        channel = tcp(new SyslogIngest(DeviceResolver.bySenderAddress(), sink, ticking, registry));

        channel.writeInbound(bytes(DOWN + "\n" + UP_V2 + "\n" + DOWN + "\n"));
        channel.writeInbound(bytes(UP_V2 + "\n"));

        assertThat(sink.events()).extracting(TunnelEvent::receivedAt).containsExactly(
                Instant.parse("2026-11-26T10:00:01Z"), Instant.parse("2026-11-26T10:00:01Z"),
                Instant.parse("2026-11-26T10:00:01Z"), Instant.parse("2026-11-26T10:00:02Z"));
        assertNothingLeft();
    }

    @Test
    void shouldJoinALineSplitAcrossWrites() throws Exception {
        channel = tcp();

        channel.writeInbound(bytes(DOWN.substring(0, 40)));
        assertThat(sink.events()).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(40);
        channel.writeInbound(bytes(DOWN.substring(40) + "\n"));

        assertThat(sink.events()).singleElement().extracting(TunnelEvent::peer).isEqualTo("192.0.2.7");
        assertNothingLeft();
    }

    @Test
    void shouldDiscardAnOverlongFrameCountItAndStillDeliverTheNextLine() throws Exception {
        channel = tcp();

        channel.writeInbound(bytes("X".repeat(MAX_FRAME * 4) + "\n" + DOWN + "\n"));

        assertThat(sink.events()).singleElement().extracting(TunnelEvent::peer).isEqualTo("192.0.2.7");
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", "frame_too_long")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.received", "transport", "tcp")).isEqualTo(2);
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "tcp")).isEqualTo(1);
        assertThat(channel.isOpen()).as("an over-long frame does not cost the connection").isTrue();
        assertNothingLeft();
    }

    @Test
    void shouldDiscardAnOverlongFrameSpreadOverSeveralWritesOnce() throws Exception {
        channel = tcp();

        channel.writeInbound(bytes("X".repeat(MAX_FRAME + 10)));
        channel.writeInbound(bytes("X".repeat(MAX_FRAME * 3)));
        assertThat(decoder.bufferedBytes()).as("discarding, not buffering").isZero();
        channel.writeInbound(bytes("XX\n" + UP_V2 + "\n"));

        assertThat(sink.events()).singleElement().extracting(TunnelEvent::peer).isEqualTo("203.0.113.9");
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", "frame_too_long")).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void shouldCountALyingOctetCountAndStillDeliverTheNextFrame() throws Exception {
        channel = tcp();

        channel.writeInbound(bytes(DOWN.length() + " " + DOWN + "9z9 not a count\n" + UP_V2.length() + " " + UP_V2));

        assertThat(sink.events()).extracting(TunnelEvent::peer).containsExactly("192.0.2.7", "203.0.113.9");
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", "bad_octet_count"))
                .isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
        assertNothingLeft();
    }

    @Test
    void shouldCountAFrameCutShortByTheSenderClosingAsTruncated() throws Exception {
        channel = tcp();

        channel.writeInbound(bytes("200 " + DOWN));
        assertThat(decoder.bufferedBytes()).isEqualTo(DOWN.length());
        channel.close();

        assertThat(sink.events()).isEmpty();
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", "truncated_frame"))
                .isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.received", "transport", "tcp")).isEqualTo(1);
    }

    @Test
    void shouldStopReadingWhileTheSinkIsFullAndResumeWhenItHasRoom() throws Exception {
        channel = tcp();
        channel.freezeTime();
        sink.room(false);

        channel.writeInbound(bytes(DOWN + "\n"));
        assertThat(channel.config().isAutoRead()).as("paused after a read with no room").isFalse();

        channel.advanceTimeBy(5, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).as("still no room: still paused").isFalse();

        sink.room(true);
        channel.advanceTimeBy(5, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).as("room again: reading again").isTrue();
        assertThat(sink.events()).hasSize(1);
    }

    @Test
    void shouldHoldTheLinesThatArriveWhilePausedAndHandThemOnInOrderBeforeReadingAgain() throws Exception {
        channel = tcp();
        channel.freezeTime();
        sink.room(false);

        channel.writeInbound(bytes(DOWN + "\n" + UP_V2 + "\n"));
        // What a TLS connection still decodes once paused: the rest of a TLS record read before the pause.
        channel.writeInbound(bytes(DOWN.replace("10:00:01.123", "10:00:04.000") + "\n"));
        assertThat(sink.events()).as("offered while the sink is full").hasSize(1);

        sink.room(true);
        channel.advanceTimeBy(5, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(sink.events()).extracting(e -> e.routerTime().substring(e.routerTime().length() - 12))
                .containsExactly("10:00:01.123", "10:00:02.456", "10:00:04.000");
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", "queue_full")).isZero();
    }

    private EmbeddedChannel tcp() throws Exception {
        return tcp(ingest);
    }

    private EmbeddedChannel tcp(SyslogIngest to) throws Exception {
        SyslogStreamHandler handler = new SyslogStreamHandler(to, Transport.TCP);
        decoder = new SyslogFrameDecoder(MAX_FRAME, handler);
        RemoteChannel tcp = new RemoteChannel(new InetSocketAddress("192.0.2.1", 40001), decoder, handler);
        tcp.register();
        return tcp;
    }

    private void assertNothingLeft() {
        assertThat(decoder.bufferedBytes()).as("bytes left in the framer").isZero();
        assertThat((Object) channel.readInbound()).as("messages passed on").isNull();
        assertThat(channel.finish()).as("pending inbound or outbound").isFalse();
    }

    private static DatagramPacket datagram(String line, InetSocketAddress sender) {
        return new DatagramPacket(bytes(line), new InetSocketAddress("127.0.0.1", 514), sender);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** An EmbeddedChannel with a real remote socket address, registered only once the address is set. */
    private static final class RemoteChannel extends EmbeddedChannel {

        private final InetSocketAddress remote;

        RemoteChannel(InetSocketAddress remote, ChannelHandler... handlers) {
            super(false, false, handlers);
            this.remote = remote;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }
}
