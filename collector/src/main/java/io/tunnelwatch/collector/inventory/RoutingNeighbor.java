package io.tunnelwatch.collector.inventory;

import io.tunnelwatch.collector.net.PeerAddresses;
import java.util.Arrays;

/**
 * A routing neighbour the inventory puts behind a tunnel: one address ({@code 169.254.22.6}) or the tunnel's subnet
 * ({@code 169.254.22.4/30}), so a routing message naming a neighbour there (a BGP session, which names no interface)
 * is tied to that tunnel's peer.
 *
 * @param text   the canonical spelling, {@code address} or {@code address/length}
 * @param bytes  the network bytes (4 or 16)
 * @param length the prefix length; 32 or 128 for one address
 */
public record RoutingNeighbor(String text, byte[] bytes, int length) {

    /** The neighbour or subnet an inventory entry names, or null when it is neither. */
    public static RoutingNeighbor parse(String spec) {
        if (spec == null) {
            return null;
        }
        String s = spec.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = PeerAddresses.bytes(address);
        if (bytes == null) {
            return null;
        }
        int max = bytes.length * 8;
        int length = max;
        if (slash >= 0) {
            String digits = s.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            length = Integer.parseInt(digits);
            if (length > max) {
                return null;
            }
        }
        String canonical = PeerAddresses.canonical(address);
        return new RoutingNeighbor(length == max ? canonical : canonical + "/" + length, bytes, length);
    }

    /** Whether {@code address} (any spelling of an IPv4/IPv6 literal) is this neighbour or lies in this subnet. */
    public boolean contains(String address) {
        byte[] other = PeerAddresses.bytes(address);
        if (other == null || other.length != bytes.length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != bytes[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (other[full] & mask) == (bytes[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingNeighbor n && n.length == length && Arrays.equals(n.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + length;
    }

    @Override
    public String toString() {
        return text;
    }
}
