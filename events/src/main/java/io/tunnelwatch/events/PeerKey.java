package io.tunnelwatch.events;

import java.util.Objects;

/**
 * The identity of one tunnel peer as seen from one router: {@code (device, peer)}.
 *
 * <p>Serialized as {@code device|peer} (DESIGN.md "Keys, topics, time"), so every record of one peer lands in one
 * partition, in order. Device-wide records use the peer {@link #ANY_PEER} ({@code device|*}).
 */
public record PeerKey(String device, String peer) {

    /** The peer of device-wide records (device silent, poll failures). */
    public static final String ANY_PEER = "*";

    private static final char SEPARATOR = '|';

    public PeerKey {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(peer, "peer");
        if (device.isEmpty() || device.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("device must be non-empty and contain no '|': " + device);
        }
        if (peer.isEmpty()) {
            throw new IllegalArgumentException("peer must be non-empty");
        }
    }

    /** The key of a record that concerns the whole device rather than one peer. */
    public static PeerKey deviceWide(String device) {
        return new PeerKey(device, ANY_PEER);
    }

    /** Reads the {@code device|peer} form; the split is at the first '|' since device names never hold one. */
    public static PeerKey parse(String encoded) {
        int bar = encoded.indexOf(SEPARATOR);
        if (bar <= 0 || bar == encoded.length() - 1) {
            throw new IllegalArgumentException("not a device|peer key: " + encoded);
        }
        return new PeerKey(encoded.substring(0, bar), encoded.substring(bar + 1));
    }

    public boolean isDeviceWide() {
        return ANY_PEER.equals(peer);
    }

    /** The wire form, {@code device|peer}. */
    public String encoded() {
        return device + SEPARATOR + peer;
    }

    @Override
    public String toString() {
        return encoded();
    }
}
