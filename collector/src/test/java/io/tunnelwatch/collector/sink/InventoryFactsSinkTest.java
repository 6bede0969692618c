package io.tunnelwatch.collector.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryFactsSinkTest {

    private static final Inventory INVENTORY = new Inventory(List.of(new Device("hq-rtr", List.of("192.0.2.1"),
            "GigabitEthernet0/0/2", null, List.of(new ExpectedPeer("198.51.100.230", "Tunnel232", "VPN-ACL-232")))));

    @Test
    void shouldAddTheSourceInterfaceAndTheCryptoAclOfTheInventory() {
        TunnelEvent out = InventoryFactsSink.withFacts(INVENTORY, event("hq-rtr", "198.51.100.230",
                Map.of(InventoryFactsSink.SOURCE_INTERFACE_FIELD, "Gi0/0/9")));

        assertThat(out.fields()).containsEntry(InventoryFactsSink.SOURCE_INTERFACE_FIELD, "GigabitEthernet0/0/2")
                .containsEntry(InventoryFactsSink.CRYPTO_ACL_FIELD, "VPN-ACL-232")
                .containsEntry(InventoryFactsSink.TUNNEL_INTERFACE_FIELD, "Tunnel232");
    }

    @Test
    void shouldPutTheInventorysInterfacesOverWhatThePollLearned() {
        CounterSample polled = sample("hq-rtr", "198.51.100.230").withInterfaces("Tunnel9", "GigabitEthernet1");

        assertThat(InventoryFactsSink.withFacts(INVENTORY, polled)).extracting(CounterSample::tunnelInterface,
                CounterSample::sourceInterface).containsExactly("Tunnel232", "GigabitEthernet0/0/2");
    }

    @Test
    void shouldKeepWhatThePollLearnedWhereTheInventoryIsSilent() {
        Inventory silent = new Inventory(List.of(new Device("hq-rtr", List.of("192.0.2.1"), null, null,
                List.of(new ExpectedPeer("198.51.100.230", null, null)))));
        CounterSample polled = sample("hq-rtr", "198.51.100.230").withInterfaces("Tunnel9", "GigabitEthernet1");

        assertThat(InventoryFactsSink.withFacts(silent, polled)).isSameAs(polled);
        assertThat(InventoryFactsSink.withFacts(INVENTORY, sample("hq-rtr", "203.0.113.9")))
                .extracting(CounterSample::tunnelInterface, CounterSample::sourceInterface)
                .containsExactly(null, "GigabitEthernet0/0/2");
    }

    @Test
    void shouldLeaveAnEventOfAnUnknownDeviceOrPeerAsItIs() {
        TunnelEvent unknownDevice = event("branch", "198.51.100.230", Map.of());
        TunnelEvent otherPeer = event("hq-rtr", "203.0.113.9", Map.of());

        assertThat(InventoryFactsSink.withFacts(INVENTORY, unknownDevice)).isSameAs(unknownDevice);
        assertThat(InventoryFactsSink.withFacts(INVENTORY, otherPeer).fields())
                .containsOnlyKeys(InventoryFactsSink.SOURCE_INTERFACE_FIELD);
    }

    @Test
    void shouldKeepADatagramDroppableOnItsWayToThePublisher() {
        List<String> calls = new java.util.ArrayList<>();
        EventSink publisher = new EventSink() {
            @Override
            public PublishOutcome offer(TunnelEvent event) {
                calls.add("offer " + event.fields().get(InventoryFactsSink.SOURCE_INTERFACE_FIELD));
                return PublishOutcome.QUEUED;
            }

            @Override
            public PublishOutcome offerDroppable(TunnelEvent event) {
                calls.add("offerDroppable " + event.fields().get(InventoryFactsSink.SOURCE_INTERFACE_FIELD));
                return PublishOutcome.QUEUE_FULL;
            }
        };
        InventoryFactsSink sink = new InventoryFactsSink(INVENTORY, publisher);

        assertThat(sink.offerDroppable(event("hq-rtr", "198.51.100.230", Map.of())))
                .isEqualTo(PublishOutcome.QUEUE_FULL);
        assertThat(sink.offer(event("hq-rtr", "198.51.100.230", Map.of()))).isEqualTo(PublishOutcome.QUEUED);
        assertThat(calls).containsExactly("offerDroppable GigabitEthernet0/0/2", "offer GigabitEthernet0/0/2");
    }

    private static CounterSample sample(String device, String peer) {
        return new CounterSample(CounterSample.VERSION, device, peer, Instant.parse("2026-12-04T16:12:13Z"), true, 1,
                "active", "active", null, null);
    }

    private static TunnelEvent event(String device, String peer, Map<String, String> fields) {
        return new TunnelEvent(TunnelEvent.VERSION, EventKind.IPSEC_SETUP_FAILED, null, device, peer, null,
                "CRYPTO-4-IPSEC_SETUP_FAILURE", 4, fields, null, Instant.parse("2026-12-04T16:12:13Z"), "192.0.2.1",
                "udp", "text");
    }
}
