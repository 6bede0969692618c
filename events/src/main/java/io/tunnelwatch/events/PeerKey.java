package io.tunnelwatch.events;

import java.util.Objects;

/**
 * The identity of one tunnel peer as seen from one router: {@code (device, peer)}.
 *
 * <p>Serialized as {@code device|peer} (docs/architecture.md#topics), so every record of one peer lands in one
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

    /**
     * Equal when both device and peer are. Written by hand, as is {@link #hashCode}: a key is hashed and compared in
     * several maps on every input of the streams app, and on Java 17 a record's generated equals runs as method
     * handles that the JIT did not inline there (docs/performance.md#equals-by-hand-punctuations-on-the-second).
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PeerKey other && device.equals(other.device) && peer.equals(other.peer);
    }

    @Override
    public int hashCode() {
        return 31 * device.hashCode() + peer.hashCode();
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

    /**
     * The wire form as UTF-8 bytes. The usual all-ASCII key is copied straight into one array: every event the
     * collector writes has a key, and building the string first and then encoding it showed in the event loop's
     * profile (docs/performance.md#why-the-hot-path-looks-as-it-does).
     */
    public byte[] utf8() {
        int d = device.length();
        int p = peer.length();
        byte[] out = new byte[d + 1 + p];
        if (!copyAscii(device, out, 0) || !copyAscii(peer, out, d + 1)) {
            return encoded().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        out[d] = SEPARATOR;
        return out;
    }

    private static boolean copyAscii(String s, byte[] out, int at) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            out[at + i] = (byte) c;
        }
        return true;
    }

    @Override
    public String toString() {
        return encoded();
    }
}
