package io.tunnelwatch.collector.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.events.TunnelEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP listener under abuse over real loopback sockets: a flood of connections far over the limit, senders that
 * dribble bytes, and frames that lie about their length or exceed it. Each is counted by reason, and senders already
 * connected, and UDP, keep getting through.
 */
class SyslogConnectionAbuseIT {

    private static final int LIMIT = 200;
    private static final int FLOOD = 10_000;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Queue<TunnelEvent> events = new ConcurrentLinkedQueue<>();
    private final List<Socket> clients = new ArrayList<>();
    private SyslogServer server;

    private void start(Duration idleTimeout) {
        EventSink sink = new EventSink() {
            @Override
            public PublishOutcome offer(TunnelEvent event) {
                events.add(event);
                return PublishOutcome.QUEUED;
            }
        };
        SyslogIngest ingest = new SyslogIngest(DeviceResolver.bySenderAddress(), sink, Clock.systemUTC(), registry);
        server = new SyslogServer(SyslogListenerConfig.defaults().withPorts("127.0.0.1", 0, 0)
                .withConnectionLimits(idleTimeout, LIMIT), ingest, registry);
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(SyslogConnectionAbuseIT::closeQuietly);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldRejectAFloodOfConnectionsOverTheLimitAndKeepServingTheConnectedSenderAndUdp() throws Exception {
        start(Duration.ofMinutes(5));
        Socket steady = connect();
        send(steady, line("192.0.2.1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> peers().contains("192.0.2.1"));

        for (int i = 0; i < FLOOD; i++) {
            clients.add(connect());
            if (i % 1000 == 0) {
                // The senders that were there first keep flowing while the flood goes on.
                send(steady, line("198.51.100." + (i / 1000 + 1)));
            }
        }
        sendUdp(line("203.0.113.9"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(counter("tunnelwatch.syslog.connections.rejected")).isEqualTo(FLOOD + 1 - LIMIT);
            assertThat(peers()).contains("198.51.100.1", "198.51.100.10", "203.0.113.9");
        });
        assertThat(counter("tunnelwatch.syslog.connections.accepted")).isEqualTo(LIMIT);

        // Once the flood goes away, its slots are free again.
        clients.forEach(SyslogConnectionAbuseIT::closeQuietly);
        clients.clear();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(registry.get("tunnelwatch.syslog.connections.open").tag("transport", "tcp").gauge().value())
                        .isEqualTo(1.0));
        Socket late = connect();
        send(late, line("192.0.2.200"));
        await().atMost(Duration.ofSeconds(10)).until(() -> peers().contains("192.0.2.200"));
        late.close();
    }

    @Test
    void shouldCloseASenderThatDribblesSlowerThanTheIdleTimeoutWhileOthersFlow() throws Exception {
        start(Duration.ofSeconds(2));
        Socket dribbler = connect();
        Socket steady = connect();
        byte[] half = "<189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION".getBytes(StandardCharsets.US_ASCII);
        dribbler.getOutputStream().write(half, 0, 1);
        dribbler.getOutputStream().flush();

        // While the dribbler says nothing more, the steady sender's lines keep arriving.
        for (int i = 1; i <= 5; i++) {
            send(steady, line("198.51.100." + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> peers().contains("198.51.100.5"));

        // The idle timeout (2 s) closes the dribbler, counted; the steady sender stays open and is never idle long.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            send(steady, line("192.0.2.77"));
            assertThat(counter("tunnelwatch.syslog.connections.closed.idle")).isEqualTo(1.0);
        });
        assertThat(dribbler.getInputStream().read()).as("the server closed the dribbler").isEqualTo(-1);
        send(steady, line("192.0.2.78"));
        await().atMost(Duration.ofSeconds(10)).until(() -> peers().contains("192.0.2.78"));
        assertThat(counter("tunnelwatch.syslog.connections.closed.idle")).as("the steady sender was never idle")
                .isEqualTo(1.0);
    }

    @Test
    void shouldDiscardOversizedAndLyingFramesEachCountedAndDeliverTheGoodFramesAroundThem() throws Exception {
        start(Duration.ofMinutes(5));
        int max = SyslogListenerConfig.defaults().maxFrameLength();
        String good1 = line("192.0.2.11").stripTrailing();
        String good2 = line("192.0.2.12").stripTrailing();
        try (Socket counted = connect(); Socket lines = connect(); Socket liar = connect()) {
            // octet counting: a good frame, a count with a letter (resynchronised at the LF), an honest count over
            // the maximum (skipped without being buffered), a good frame again
            send(counted, good1.length() + " " + good1 + "\n" + "12a bad count\n"
                    + (max + 1) + " " + "x".repeat(max + 1) + "\n" + good2.length() + " " + good2 + "\n");
            // a line longer than the maximum, then a good line
            send(lines, "y".repeat(3 * max) + "\n" + line("192.0.2.13"));
            // a count that promises more than ever comes before the sender goes away
            send(liar, "400 " + good1.substring(0, 100));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(peers()).containsExactlyInAnyOrder("192.0.2.11", "192.0.2.12", "192.0.2.13");
            assertThat(dropped("bad_octet_count")).isEqualTo(1.0);
            assertThat(dropped("frame_too_long")).isEqualTo(2.0);
            assertThat(dropped("truncated_frame")).isEqualTo(1.0);
        });
    }

    private double dropped(String reason) {
        return registry.get("tunnelwatch.syslog.dropped").tag("transport", "tcp").tag("reason", reason).counter()
                .count();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.tcpAddress().getPort()), 5_000);
        return socket;
    }

    private static String line(String peer) {
        return "<189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer " + peer
                + ":500 Id: " + peer + "\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void sendUdp(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(bytes, bytes.length,
                    new InetSocketAddress("127.0.0.1", server.udpAddress().getPort())));
        }
    }

    private List<String> peers() {
        return events.stream().map(TunnelEvent::peer).toList();
    }

    private double counter(String name) {
        return registry.get(name).tag("transport", "tcp").counter().count();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed by the server
        }
    }
}
