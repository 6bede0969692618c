package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.sink.RecordingEventSink;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared ingest path: line in, one {@link TunnelEvent} (or a counted reason why not) out. */
class SyslogIngestTest {

    private static final Instant NOW = Instant.parse("2026-11-26T23:45:07.383Z");
    private static final String ROUTER = "198.51.100.1";
    private static final String DOWN = "<189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: "
            + "Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7";
    private static final String UP_V2 = "<189>13: Nov 26 10:00:09.004 UTC: %CRYPTO-5-IKEV2_SESSION_STATUS: "
            + "Crypto tunnel v2 is UP.  Peer 203.0.113.9:4500  Id: 203.0.113.9";
    private static final String CONFIG =
            "<189>505: 42w2d: %SYS-5-CONFIG_I: Configured from console by vty0 (192.168.3.1)";
    private static final String NTP =
            "<191>2637085: rt401-rk30409: Aug 18 07:15:04.461 CEST: NTP Core (NOTICE): Clock synchronization lost.";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingEventSink sink = new RecordingEventSink();
    private final SyslogIngest ingest =
            new SyslogIngest(DeviceResolver.bySenderAddress(), sink, Clock.fixed(NOW, ZoneOffset.UTC), registry);

    @Test
    void shouldTurnASessionDownLineIntoOneEventOfTheSendingRouter() {
        ingest.accept(DOWN, ROUTER, Transport.UDP);

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.v()).isEqualTo(TunnelEvent.VERSION);
            assertThat(e.kind()).isEqualTo(EventKind.SESSION_DOWN);
            assertThat(e.layer()).isEqualTo(Layer.UNDERLAY);
            assertThat(e.device()).isEqualTo(ROUTER);
            assertThat(e.peer()).isEqualTo("192.0.2.7");
            assertThat(e.key()).isEqualTo(new PeerKey(ROUTER, "192.0.2.7"));
            assertThat(e.ikeVersion()).isEqualTo(IkeVersion.IKEV1);
            assertThat(e.mnemonic()).isEqualTo("CRYPTO-5-SESSION_STATUS");
            assertThat(e.severity()).isEqualTo(5);
            assertThat(e.fields()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("peer_port", "500", "nat_t", "false", "ike_id", "192.0.2.7"));
            assertThat(e.routerTime()).isEqualTo("*Nov 26 10:00:01.123");
            assertThat(e.receivedAt()).isEqualTo(NOW);
            assertThat(e.source()).isEqualTo(ROUTER);
            assertThat(e.transport()).isEqualTo("udp");
            assertThat(e.text()).isEqualTo("Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7");
        });
        assertThat(count("tunnelwatch.syslog.received", "transport", "udp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "udp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.ignored", "transport", "udp")).isZero();
        assertThat(registry.find("tunnelwatch.syslog.unparsed").counters())
                .isNotEmpty().allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(registry.find("tunnelwatch.syslog.dropped").counters())
                .isNotEmpty().allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<189>12: *Nov 26 10:00:01.123:   | *Nov 26 10:00:01.123",
        "<189>12: .Nov 26 10:00:01.123:   | .Nov 26 10:00:01.123",
        "<189>12: Nov 26 10:00:01.123 UTC: | Nov 26 10:00:01.123 UTC",
        "<189>12: 2y10w:                   | 2y10w"})
    void shouldKeepTheSyncMarkInFrontOfTheRouterTime(String header, String routerTime) {
        ingest.accept(header + " %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP.  Peer 192.0.2.7:500", ROUTER,
                Transport.UDP);

        assertThat(sink.events()).singleElement().extracting(TunnelEvent::routerTime).isEqualTo(routerTime);
    }

    @Test
    void shouldLeaveRouterTimeEmptyWhenTheLineHasNoRouterStamp() {
        ingest.accept("<189>2024-10-11T10:15:31.208321-05:00 TestDevice %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON",
                ROUTER, Transport.UDP);

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.routerTime()).isNull();
            assertThat(e.kind()).isEqualTo(EventKind.ISAKMP_STATUS);
            assertThat(e.peer()).isEqualTo(PeerKey.ANY_PEER);
        });
    }

    @Test
    void shouldCarryTheLayerTheCatalogChoseRatherThanTheKindDefault() {
        ingest.accept("<187>46: 00:00:46: %LINK-3-UPDOWN: Interface Tunnel3, changed state to down", ROUTER,
                Transport.UDP);

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.TUNNEL_INTERFACE_DOWN);
            assertThat(e.layer()).isEqualTo(Layer.UNDERLAY).isNotEqualTo(e.kind().defaultLayer());
            assertThat(e.key()).isEqualTo(PeerKey.deviceWide(ROUTER));
            assertThat(e.fields()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("interface", "Tunnel3", "state", "down"));
        });
    }

    @Test
    void shouldTurnADebugIsakmpLineIntoAnEventOfItsPeer() {
        ingest.accept("<191>88: *Nov 26 10:00:01.123: ISAKMP: (0:0): received packet from 203.0.113.9 dport 4500 "
                + "sport 4500 Global (N) NEW SA", ROUTER, Transport.UDP);

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.IKE_NEW_SA);
            assertThat(e.peer()).isEqualTo("203.0.113.9");
            assertThat(e.mnemonic()).isEqualTo("DEBUG-7-ISAKMP");
            assertThat(e.severity()).isEqualTo(7);
            assertThat(e.ikeVersion()).isEqualTo(IkeVersion.IKEV1);
            assertThat(e.fields()).containsEntry("nat_t", "true").containsEntry("role", "N");
            assertThat(e.routerTime()).isEqualTo("*Nov 26 10:00:01.123");
        });
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "udp")).isEqualTo(1);
    }

    @Test
    void shouldCountADebugLineNoRowReadsAsIgnored() {
        ingest.accept("<191>89: *Nov 26 10:00:01.124: ISAKMP (0:2): beginning Main Mode exchange", ROUTER,
                Transport.UDP);

        assertThat(sink.events()).isEmpty();
        assertThat(count("tunnelwatch.syslog.ignored", "transport", "udp")).isEqualTo(1);
    }

    @Test
    void shouldCountANonCryptoMessageAsIgnoredAndOfferNothing() {
        ingest.accept(CONFIG, ROUTER, Transport.UDP);

        assertThat(sink.events()).isEmpty();
        assertThat(count("tunnelwatch.syslog.received", "transport", "udp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.ignored", "transport", "udp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "udp")).isZero();
    }

    @Test
    void shouldCountALineWithoutMnemonicAsUnparsedWithItsReason() {
        ingest.accept(NTP, ROUTER, Transport.UDP);
        ingest.accept("\r\n", ROUTER, Transport.UDP);

        assertThat(sink.events()).isEmpty();
        assertThat(count("tunnelwatch.syslog.received", "transport", "udp")).isEqualTo(2);
        assertThat(count("tunnelwatch.syslog.unparsed", "transport", "udp", "reason", "no_cisco_mnemonic"))
                .isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.unparsed", "transport", "udp", "reason", "empty")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "udp")).isZero();
    }

    @ParameterizedTest(name = "{0} -> reason {1}")
    @CsvSource({"QUEUE_FULL, queue_full", "CLOSED, closed"})
    void shouldCountAnEventTheSinkRefusesAsDroppedNotParsed(PublishOutcome outcome, String reason) {
        sink.answer(outcome);

        ingest.accept(DOWN, ROUTER, Transport.TCP);

        assertThat(sink.events()).hasSize(1);
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", reason)).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "tcp")).isZero();
        assertThat(count("tunnelwatch.syslog.received", "transport", "tcp")).isEqualTo(1);
    }

    @Test
    void shouldAccountForEveryReceivedLineExactlyOnce() {
        ingest.accept(DOWN, ROUTER, Transport.UDP);
        ingest.accept(UP_V2, ROUTER, Transport.UDP);
        ingest.accept(CONFIG, ROUTER, Transport.UDP);
        ingest.accept(NTP, ROUTER, Transport.UDP);
        ingest.accept("", ROUTER, Transport.UDP);
        sink.answer(PublishOutcome.QUEUE_FULL);
        ingest.accept(DOWN, ROUTER, Transport.UDP);

        double received = count("tunnelwatch.syslog.received", "transport", "udp");
        double parsed = count("tunnelwatch.syslog.parsed", "transport", "udp");
        double ignored = count("tunnelwatch.syslog.ignored", "transport", "udp");
        double unparsed = registry.find("tunnelwatch.syslog.unparsed").tag("transport", "udp").counters().stream()
                .mapToDouble(Counter::count).sum();
        double dropped = registry.find("tunnelwatch.syslog.dropped").tag("transport", "udp").counters().stream()
                .mapToDouble(Counter::count).sum();
        assertThat(received).isEqualTo(6);
        assertThat(parsed).isEqualTo(2);
        assertThat(ignored).isEqualTo(1);
        assertThat(unparsed).isEqualTo(2);
        assertThat(dropped).isEqualTo(1);
        assertThat(parsed + ignored + unparsed + dropped).isEqualTo(received);
        assertThat(sink.events()).extracting(TunnelEvent::kind)
                .containsExactly(EventKind.SESSION_DOWN, EventKind.SESSION_UP, EventKind.SESSION_DOWN);
    }

    @Test
    void shouldCountEachTransportUnderItsOwnLabel() {
        ingest.accept(DOWN, ROUTER, Transport.TCP);
        ingest.accept(UP_V2, ROUTER, Transport.TLS);

        assertThat(sink.events()).extracting(TunnelEvent::transport).containsExactly("tcp", "tls");
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "tcp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.parsed", "transport", "tls")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.received", "transport", "udp")).isZero();
    }

    @Test
    void shouldCountATransportDiscardAsReceivedAndDroppedWithItsReason() {
        ingest.discarded(Transport.TCP, DropReason.FRAME_TOO_LONG);

        assertThat(sink.events()).isEmpty();
        assertThat(count("tunnelwatch.syslog.received", "transport", "tcp")).isEqualTo(1);
        assertThat(count("tunnelwatch.syslog.dropped", "transport", "tcp", "reason", "frame_too_long")).isEqualTo(1);
    }

    @Test
    void shouldAskTheDeviceResolverWithTheSenderAndTheOriginId() {
        DeviceResolver byOriginId = (senderIp, originId) -> originId != null ? originId : senderIp;
        SyslogIngest named = new SyslogIngest(byOriginId, sink, Clock.fixed(NOW, ZoneOffset.UTC), registry);

        named.accept("<189>12: rtr-hub: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP.  "
                + "Peer 192.0.2.7:500  Id: 192.0.2.7", ROUTER, Transport.UDP);

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.device()).isEqualTo("rtr-hub");
            assertThat(e.source()).isEqualTo(ROUTER);
        });
    }

    @Test
    void shouldCountARoutingLineNothingTiesToAPeerByReasonAndStillPublishItDeviceWide() {
        ingest.accept("<189>21: %OSPF-5-ADJCHG: Process 10, Nbr 3.3.3.3 on Tunnel0 from FULL to DOWN, Neighbor Down:"
                + " Dead timer expired", ROUTER, Transport.UDP);
        ingest.accept("<189>22: %BGP-5-ADJCHANGE: neighbor 169.254.22.6 Down BGP Notification sent", ROUTER,
                Transport.UDP);
        ingest.accept(DOWN, ROUTER, Transport.UDP);

        assertThat(sink.events()).extracting(e -> e.key().isDeviceWide()).containsExactly(true, true, false);
        assertThat(registry.get("tunnelwatch.syslog.untied").tag("reason", "tunnel_not_mapped").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("tunnelwatch.syslog.untied").tag("reason", "neighbor_not_mapped").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldReportRoomAsTheSinkDoes() {
        assertThat(ingest.hasRoom()).isTrue();
        sink.room(false);
        assertThat(ingest.hasRoom()).isFalse();
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
