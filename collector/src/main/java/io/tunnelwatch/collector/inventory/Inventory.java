package io.tunnelwatch.collector.inventory;

import io.tunnelwatch.collector.net.PeerAddresses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routers tunnelwatch watches (docs/configuration.md#the-inventory-file): names, addresses, SNMP credentials,
 * expected peers.
 * Immutable and validated by {@link InventoryLoader}; lookups are by address (any IPv4/IPv6 spelling) and by name.
 */
public final class Inventory {

    private static final Inventory EMPTY = new Inventory(List.of());

    private final List<Device> devices;
    private final Map<String, Device> byAddress = new HashMap<>();
    private final Map<String, Device> byName = new HashMap<>();

    /**
     * @throws IllegalArgumentException when two devices share a name or an address (the loader reports these with
     *                                  their line first; this guards programmatic use)
     */
    public Inventory(List<Device> devices) {
        this.devices = List.copyOf(devices);
        for (Device d : this.devices) {
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("device name '" + d.name() + "' appears twice");
            }
            for (String address : d.addresses()) {
                Device other = byAddress.putIfAbsent(address, d);
                if (other != null) {
                    throw new IllegalArgumentException("device '" + d.name() + "' repeats address " + address
                            + " of '" + other.name() + "'");
                }
            }
        }
    }

    /** No devices: every sender is named by its origin-id or address. */
    public static Inventory empty() {
        return EMPTY;
    }

    public List<Device> devices() {
        return devices;
    }

    public boolean isEmpty() {
        return devices.isEmpty();
    }

    /** The device that owns this address, in any textual form of it; empty for non-literals (no DNS). */
    public Optional<Device> byAddress(String address) {
        String canonical = PeerAddresses.canonical(address);
        return canonical == null ? Optional.empty() : Optional.ofNullable(byAddress.get(canonical));
    }

    public Optional<Device> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    @Override
    public String toString() {
        return "Inventory" + devices.stream().map(Device::name).toList();
    }
}
