package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.net.PeerAddresses;
import java.util.Optional;

/**
 * The device identity of docs/configuration.md#inventory-and-device-identity over an {@link Inventory}: the inventory
 * name of the sender's address; else the
 * origin-id, which names an inventory device when it is one of its addresses or its name; else the sender's
 * address. Lookups are hash-map reads, cheap enough for every message.
 */
final class InventoryDeviceResolver implements DeviceResolver {

    private final Inventory inventory;

    InventoryDeviceResolver(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public String deviceFor(String senderIp, String originId) {
        Optional<Device> bySender = inventory.byAddress(senderIp);
        if (bySender.isPresent()) {
            return bySender.get().name();
        }
        if (originId != null && !originId.isEmpty()) {
            String address = PeerAddresses.canonical(originId);
            if (address != null) {
                return inventory.byAddress(address).map(Device::name).orElse(address);
            }
            // The header grammar admits letters, digits, '.', '_' and '-' only: safe as a key and a label.
            return originId;
        }
        return senderIp;
    }

    @Override
    public boolean inInventory(String device) {
        return inventory.byName(device).isPresent();
    }

    @Override
    public boolean hasInventory() {
        return !inventory.isEmpty();
    }

    @Override
    public Optional<String> peerOnTunnel(String device, String interfaceName) {
        return inventory.byName(device).flatMap(d -> d.peerOnTunnel(interfaceName)).map(ExpectedPeer::address);
    }

    @Override
    public Optional<String> peerReaching(String device, String neighbor) {
        return inventory.byName(device).flatMap(d -> d.peerReaching(neighbor)).map(ExpectedPeer::address);
    }
}
