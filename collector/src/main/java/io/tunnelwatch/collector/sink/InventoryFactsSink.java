package io.tunnelwatch.collector.sink;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.TunnelEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adds what the inventory knows about an event's device and peer to the event's fields before it is published:
 * the tunnel source interface ({@code source_interface}), the crypto map ACL ({@code crypto_acl}) and the tunnel
 * interface ({@code tunnel_interface}), which the runbook commands need ({@code ping <peer> source <src-if>},
 * {@code show ip access-lists <acl>}, {@code show interface tunnel <id>}); and the same to a counter sample, over what
 * the poll learned from TUNNEL-MIB and IP-MIB. The inventory is the operator's word, so it overrides what a message
 * said or a poll learned.
 */
public final class InventoryFactsSink implements EventSink {

    public static final String SOURCE_INTERFACE_FIELD = "source_interface";
    public static final String CRYPTO_ACL_FIELD = "crypto_acl";
    public static final String TUNNEL_INTERFACE_FIELD = "tunnel_interface";

    private final Inventory inventory;
    private final EventSink next;

    public InventoryFactsSink(Inventory inventory, EventSink next) {
        this.inventory = inventory;
        this.next = next;
    }

    @Override
    public PublishOutcome offer(TunnelEvent event) {
        return next.offer(withFacts(inventory, event));
    }

    @Override
    public PublishOutcome offerDroppable(TunnelEvent event) {
        return next.offerDroppable(withFacts(inventory, event));
    }

    @Override
    public boolean hasRoom() {
        return next.hasRoom();
    }

    /** {@code event} with the inventory's facts on its device and peer; the same event when there are none. */
    public static TunnelEvent withFacts(Inventory inventory, TunnelEvent event) {
        Device device = inventory.byName(event.device()).orElse(null);
        if (device == null) {
            return event;
        }
        Map<String, String> facts = new HashMap<>(event.fields());
        if (device.sourceInterface() != null) {
            facts.put(SOURCE_INTERFACE_FIELD, device.sourceInterface());
        }
        ExpectedPeer peer = expected(device, event.peer());
        if (peer != null && peer.cryptoAcl() != null) {
            facts.put(CRYPTO_ACL_FIELD, peer.cryptoAcl());
        }
        if (peer != null && peer.tunnel() != null) {
            facts.put(TUNNEL_INTERFACE_FIELD, peer.tunnel());
        }
        if (facts.equals(event.fields())) {
            return event;
        }
        return new TunnelEvent(event.v(), event.kind(), event.layer(), event.device(), event.peer(),
                event.ikeVersion(), event.mnemonic(), event.severity(), facts, event.routerTime(), event.receivedAt(),
                event.source(), event.transport(), event.text());
    }

    /**
     * {@code sample} with the inventory's tunnel interface and source interface where it names them, else with what
     * the poll learned; the same sample when the inventory names neither.
     */
    public static CounterSample withFacts(Inventory inventory, CounterSample sample) {
        Device device = inventory.byName(sample.device()).orElse(null);
        if (device == null) {
            return sample;
        }
        ExpectedPeer peer = expected(device, sample.peer());
        String tunnel = peer != null && peer.tunnel() != null ? peer.tunnel() : sample.tunnelInterface();
        String source = Objects.requireNonNullElse(device.sourceInterface(), sample.sourceInterface());
        return Objects.equals(tunnel, sample.tunnelInterface()) && Objects.equals(source, sample.sourceInterface())
                ? sample : sample.withInterfaces(tunnel, source);
    }

    private static ExpectedPeer expected(Device device, String peer) {
        return device.peers().stream().filter(p -> p.address().equals(peer)).findFirst().orElse(null);
    }
}
