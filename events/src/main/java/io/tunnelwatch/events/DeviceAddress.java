package io.tunnelwatch.events;

import java.util.Objects;

/**
 * One address of an inventory device: the value of the compacted {@code tunnelwatch.device-addresses}, keyed by the
 * address in canonical text form. The collector publishes its inventory this way at start, so the streams app can
 * tell that a peer address is another monitored router (both ends of a tunnel) without reading the inventory file.
 *
 * @param address the address, canonical (as a peer address is)
 * @param device  the inventory name of the device that owns it
 */
public record DeviceAddress(int v, String address, String device) {

    public static final int VERSION = 1;

    public DeviceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
    }
}
