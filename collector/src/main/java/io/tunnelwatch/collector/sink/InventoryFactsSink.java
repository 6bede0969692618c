package io.tunnelwatch.collector.sink;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.events.TunnelEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adds what the inventory knows about an event's device and peer to the event's fields before it is published:
 * the tunnel source interface ({@code source_interface}) and the crypto map ACL ({@code crypto_acl}), which the
 * runbook commands need ({@code ping <peer> source <src-if>}, {@code show ip access-lists <acl>}). The inventory is
 * the operator's word, so it overrides what a message said.
 */
public final class InventoryFactsSink implements EventSink {

    public static final String SOURCE_INTERFACE_FIELD = "source_interface";
    public static final String CRYPTO_ACL_FIELD = "crypto_acl";

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
        device.peers().stream().filter(p -> p.address().equals(event.peer())).map(ExpectedPeer::cryptoAcl)
                .filter(Objects::nonNull).findFirst().ifPresent(acl -> facts.put(CRYPTO_ACL_FIELD, acl));
        if (facts.equals(event.fields())) {
            return event;
        }
        return new TunnelEvent(event.v(), event.kind(), event.layer(), event.device(), event.peer(),
                event.ikeVersion(), event.mnemonic(), event.severity(), facts, event.routerTime(), event.receivedAt(),
                event.source(), event.transport(), event.text());
    }
}
