package io.tunnelwatch.collector.inventory;

import java.util.Objects;

/**
 * A tunnel peer the inventory says a device should have.
 *
 * @param address   the remote IKE peer, canonical text (RFC 5952 for IPv6)
 * @param tunnel    the SVTI interface carrying it, canonical ({@code Tunnel7}), or null with a crypto map
 * @param cryptoAcl the crypto map's ACL name, or null
 */
public record ExpectedPeer(String address, String tunnel, String cryptoAcl) {

    public ExpectedPeer {
        Objects.requireNonNull(address, "address");
    }
}
