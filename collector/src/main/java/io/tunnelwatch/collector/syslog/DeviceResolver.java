package io.tunnelwatch.collector.syslog;

import io.tunnelwatch.collector.inventory.Inventory;
import java.util.Optional;

/**
 * Names the router a message came from (docs/configuration.md#inventory-and-device-identity): the inventory name by
 * sender address, else the origin-id
 * hostname, else the sender IP ({@link #from(Inventory)}). The defaults describe a resolver without an inventory.
 */
@FunctionalInterface
public interface DeviceResolver {

    /**
     * @param senderIp canonical sender address
     * @param originId the {@code logging origin-id} token of the header, or null
     */
    String deviceFor(String senderIp, String originId);

    /** Whether {@code device}, as returned by {@link #deviceFor}, is a device of the inventory. */
    default boolean inInventory(String device) {
        return false;
    }

    /** Whether an inventory lists devices at all; without one no sender is "unknown". */
    default boolean hasInventory() {
        return false;
    }

    /** The peer the inventory maps to a tunnel interface of {@code device}, if any. */
    default Optional<String> peerOnTunnel(String device, String interfaceName) {
        return Optional.empty();
    }

    /** The peer whose tunnel the inventory says reaches routing neighbour {@code neighbor} of {@code device}. */
    default Optional<String> peerReaching(String device, String neighbor) {
        return Optional.empty();
    }

    /** The device is the sender's address. */
    static DeviceResolver bySenderAddress() {
        return (senderIp, originId) -> senderIp;
    }

    /** Inventory name by sender address, else the origin-id (itself looked up when it is an address), else sender. */
    static DeviceResolver from(Inventory inventory) {
        return new InventoryDeviceResolver(inventory);
    }
}
