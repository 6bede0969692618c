package io.tunnelwatch.collector.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.events.TunnelEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue between a UDP socket and its parse thread: a sender's datagrams stay in order, a parse thread that
 * falls behind costs memory up to a bound and then counted drops (never a blocked event loop), and closing reads
 * what was queued.
 */
class DatagramBacklogTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("192.0.2.1", 51514);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatedSink sink = new GatedSink();
    private final SyslogIngest ingest = new SyslogIngest(DeviceResolver.bySenderAddress(), sink, Clock.systemUTC(),
            registry);
    private final DatagramBacklog backlog = new DatagramBacklog(ingest, registry, "0");
    private final EmbeddedChannel channel = new EmbeddedChannel(new SyslogDatagramHandler(ingest, backlog));

    @AfterEach
    void close() {
        sink.open();
        channel.finishAndReleaseAll();
        backlog.close();
    }

    @Test
    void shouldParseASendersDatagramsInTheOrderTheyArrived() {
        sink.open();
        for (int i = 0; i < 5_000; i++) {
            channel.writeInbound(datagram(sessionDown(i)));
        }

        await().untilAsserted(() -> assertThat(sink.events()).hasSize(5_000));
        List<String> peers = sink.events().stream().map(TunnelEvent::peer).toList();
        for (int i = 0; i < 5_000; i++) {
            assertThat(peers.get(i)).isEqualTo(peer(i));
        }
    }

    @Test
    void shouldHoldUpToItsCapacityWhileParsingIsStuckThenDropAndCountWithoutBlocking() {
        int offered = DatagramBacklog.CAPACITY + 1_000;
        for (int i = 0; i < offered; i++) {
            channel.writeInbound(datagram(sessionDown(i)));
        }

        double dropped = dropped("backlog_full");
        // The parse thread holds at most one datagram, stuck in the sink; the queue holds CAPACITY.
        assertThat(dropped).isBetween(999.0, 1_000.0);
        assertThat(gauge()).isGreaterThanOrEqualTo(DatagramBacklog.CAPACITY - 1.0);

        sink.open();
        await().atMost(30, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(sink.events()).hasSize((int) (offered - dropped)));
        assertThat(gauge()).isZero();
    }

    @Test
    void shouldBoundThePayloadBytesItHolds() {
        byte[] big = ("<189>1: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer 10.0.0.1:500 "
                + "x".repeat(7_900)).getBytes(StandardCharsets.US_ASCII);
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (backlog.offer(big, "192.0.2.1")) {
                accepted++;
            }
        }

        assertThat((long) accepted * big.length).isLessThanOrEqualTo(DatagramBacklog.MAX_BYTES)
                .isGreaterThan(DatagramBacklog.MAX_BYTES - 2L * big.length);
        assertThat(backlog.refusal().label()).isEqualTo("backlog_full");
    }

    @Test
    void shouldReadEverythingQueuedWhenClosedAndRefuseWhatComesAfter() {
        for (int i = 0; i < 2_000; i++) {
            channel.writeInbound(datagram(sessionDown(i)));
        }
        sink.open();
        backlog.close();

        assertThat(sink.events()).hasSize(2_000);
        channel.writeInbound(datagram(sessionDown(1)));
        assertThat(dropped("closed")).isEqualTo(1);
    }

    private double dropped(String reason) {
        Counter c = registry.find("tunnelwatch.syslog.dropped").tags("transport", "udp", "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private double gauge() {
        return registry.get("tunnelwatch.syslog.udp.backlog").tag("reader", "0").gauge().value();
    }

    private static String peer(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }

    private static String sessionDown(int i) {
        return "<189>1: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer " + peer(i)
                + ":500 Id: " + peer(i);
    }

    private static DatagramPacket datagram(String text) {
        return new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8),
                new InetSocketAddress("127.0.0.1", 514), SENDER);
    }

    /** Keeps every event; holds the parse thread on its first offer until opened. */
    private static final class GatedSink implements EventSink {
        private final CountDownLatch gate = new CountDownLatch(1);
        private final List<TunnelEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public PublishOutcome offer(TunnelEvent event) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add(event);
            return PublishOutcome.QUEUED;
        }

        @Override
        public boolean hasRoom() {
            return true;
        }

        void open() {
            gate.countDown();
        }

        List<TunnelEvent> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }
}
