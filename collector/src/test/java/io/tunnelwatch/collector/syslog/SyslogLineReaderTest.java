package io.tunnelwatch.collector.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.catalog.CatalogMatch;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.collector.parse.SyslogParseResult;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.PeerKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One line to one outcome, without counting or Kafka: the entry point {@code tunnelwatch parse} shares. */
class SyslogLineReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:02Z");
    private static final Inventory INVENTORY = InventoryLoader.parse("inventory.yaml", """
            devices:
              - name: rtr-hq-1
                addresses: [192.0.2.1]
                peers:
                  - {address: 198.51.100.7, tunnel: Tunnel7}
              - name: rtr-branch-9
                addresses: [192.0.2.9]
            """);

    private final SyslogLineReader reader =
            new SyslogLineReader(DeviceResolver.from(INVENTORY), Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(strings = {
        "<189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer 198.51.100.7:500",
        "*Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer 198.51.100.7:500",
        "Nov 26 10:00:01.123 UTC: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN.  Peer 198.51.100.7:500",
        "<30>Nov 26 10:00:02 relay1 <189>12: *Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is"
            + " DOWN.  Peer 198.51.100.7:500"})
    void shouldReadWireRelayedAndConsoleFormsAlike(String line) {
        LineOutcome outcome = reader.read(line, "192.0.2.1", "udp");

        assertThat(outcome).isInstanceOfSatisfying(LineOutcome.Event.class, e -> {
            assertThat(e.event().kind()).isEqualTo(EventKind.SESSION_DOWN);
            assertThat(e.event().key()).isEqualTo(new PeerKey("rtr-hq-1", "198.51.100.7"));
            assertThat(e.event().receivedAt()).isEqualTo(NOW);
            assertThat(e.event().transport()).isEqualTo("udp");
            assertThat(e.knownDevice()).isTrue();
        });
    }

    @Test
    void shouldNameTheDeviceByInventoryThenOriginIdThenSender() {
        String withOrigin = "<189>12: rtr-x: *Nov 26 10:00:01.123: %SYS-5-CONFIG_I: Configured from console";
        String withIpOrigin = "<189>12: 192.0.2.9: *Nov 26 10:00:01.123: %SYS-5-CONFIG_I: Configured from console";
        String plain = "<189>12: *Nov 26 10:00:01.123: %SYS-5-CONFIG_I: Configured from console";

        assertThat(reader.read(withOrigin, "192.0.2.1", "udp").device()).isEqualTo("rtr-hq-1");
        assertThat(reader.read(withOrigin, "203.0.113.5", "udp").device()).isEqualTo("rtr-x");
        assertThat(reader.read(withIpOrigin, "203.0.113.5", "udp").device()).isEqualTo("rtr-branch-9");
        assertThat(reader.read(plain, "203.0.113.5", "udp").device()).isEqualTo("203.0.113.5");
        assertThat(reader.read(plain, "203.0.113.5", "udp").knownDevice()).isFalse();
        assertThat(reader.read(withIpOrigin, "203.0.113.5", "udp").knownDevice()).isTrue();
    }

    @Test
    void shouldReportANonCryptoCiscoMessageAsIgnoredWithItsMessage() {
        LineOutcome outcome = reader.read("<189>505: 42w2d: %SYS-5-CONFIG_I: Configured from console",
                "192.0.2.1", "tcp");

        assertThat(outcome).isInstanceOfSatisfying(LineOutcome.Ignored.class, i -> {
            assertThat(i.message().fullMnemonic()).isEqualTo("SYS-5-CONFIG_I");
            assertThat(i.device()).isEqualTo("rtr-hq-1");
        });
    }

    @Test
    void shouldReportALineWithoutMnemonicAsUnparsedWithTheReason() {
        assertThat(reader.read("hello world", "192.0.2.1", "udp")).isEqualTo(
                new LineOutcome.Unparsed(SyslogParseResult.Reason.NO_CISCO_MNEMONIC, "rtr-hq-1", true));
        assertThat(reader.read("", "203.0.113.5", "udp")).isEqualTo(
                new LineOutcome.Unparsed(SyslogParseResult.Reason.EMPTY, "203.0.113.5", false));
    }

    @Test
    void shouldKeyATunnelInterfaceEventToThePeerTheInventoryPutsOnThatTunnel() {
        DeviceResolver devices = DeviceResolver.from(INVENTORY);
        CatalogMatch down = new CatalogMatch(EventKind.TUNNEL_INTERFACE_DOWN, Layer.ROUTING, IkeVersion.UNKNOWN, PeerKey.ANY_PEER,
                Map.of("interface", "Tunnel7"));

        assertThat(SyslogLineReader.peerOf(down, "rtr-hq-1", devices)).isEqualTo("198.51.100.7");
        assertThat(SyslogLineReader.peerOf(down, "rtr-branch-9", devices)).isEqualTo(PeerKey.ANY_PEER);
        assertThat(SyslogLineReader.peerOf(new CatalogMatch(EventKind.TUNNEL_INTERFACE_DOWN, Layer.ROUTING, IkeVersion.UNKNOWN,
                PeerKey.ANY_PEER, Map.of("interface", "Tunnel8")), "rtr-hq-1", devices)).isEqualTo(PeerKey.ANY_PEER);
        assertThat(SyslogLineReader.peerOf(new CatalogMatch(EventKind.SESSION_DOWN, Layer.UNDERLAY, IkeVersion.IKEV1,
                "203.0.113.1", Map.of("interface", "Tunnel7")), "rtr-hq-1", devices))
                .as("a peer the message names wins").isEqualTo("203.0.113.1");
        assertThat(SyslogLineReader.peerOf(down, "rtr-hq-1", DeviceResolver.bySenderAddress()))
                .isEqualTo(PeerKey.ANY_PEER);
    }

    @Test
    void shouldNameEverySenderByOriginIdOrAddressWithAnEmptyInventory() {
        DeviceResolver none = DeviceResolver.from(Inventory.empty());

        assertThat(none.deviceFor("192.0.2.1", "rtr-x")).isEqualTo("rtr-x");
        assertThat(none.deviceFor("192.0.2.1", null)).isEqualTo("192.0.2.1");
        assertThat(none.deviceFor("192.0.2.1", "2001:DB8::0:1")).isEqualTo("2001:db8::1");
        assertThat(none.hasInventory()).isFalse();
        assertThat(none.inInventory("rtr-x")).isFalse();
    }

    /**
     * Real {@code debug crypto isakmp} output names the peer only on its packet lines; the refusal after a received
     * packet belongs to that packet's peer (texts: events' ios-xe-messages.tsv, docs/cisco-messages.md).
     */
    @Test
    void shouldTieAPeerlessDebugLineToThePeerOfTheRoutersPacketLineJustBefore() {
        reader.read("ISAKMP: (0:0): received packet from 198.51.100.7 dport 500 sport 500 Global (R) MM_NO_STATE",
                "192.0.2.1", "udp", NOW);
        LineOutcome refusal = reader.read("ISAKMP (0:0): atts are not acceptable. Next payload is 0", "192.0.2.1",
                "udp", NOW.plusMillis(40));
        LineOutcome otherRouter = reader.read("ISAKMP (0:0): atts are not acceptable. Next payload is 0",
                "192.0.2.9", "udp", NOW.plusMillis(50));
        LineOutcome late = reader.read("ISAKMP (0:0): atts are not acceptable. Next payload is 0", "192.0.2.1",
                "udp", NOW.plus(DebugLinePeers.WINDOW).plusSeconds(1));

        assertThat(((LineOutcome.Event) refusal).event().key())
                .isEqualTo(new PeerKey("rtr-hq-1", "198.51.100.7"));
        assertThat(((LineOutcome.Event) refusal).event().kind()).isEqualTo(EventKind.IKE_PROPOSAL_REJECTED);
        assertThat(((LineOutcome.Event) otherRouter).event().key().isDeviceWide()).isTrue();
        assertThat(((LineOutcome.Event) late).event().key().isDeviceWide()).isTrue();
        assertThat(UntiedReason.of(((LineOutcome.Event) late).event())).isEqualTo(UntiedReason.DEBUG_WITHOUT_PEER);
    }
}
