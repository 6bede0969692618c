package io.tunnelwatch.collector.net;

import io.netty.util.NetUtil;

/**
 * IPSIpAddress (CISCO-IPSEC-FLOW-MONITOR-MIB) and InetAddress (TUNNEL-MIB): an OCTET STRING of 4 or 16 raw bytes,
 * not dotted text. Turned into the canonical text of a peer (RFC 5952 for IPv6), without any DNS lookup.
 */
public final class IpsAddress {

    private IpsAddress() {
    }

    /** The canonical text, or null when the value is not 4 or 16 bytes. */
    public static String canonical(byte[] raw) {
        if (raw == null || (raw.length != 4 && raw.length != 16)) {
            return null;
        }
        return NetUtil.bytesToIpAddress(raw);
    }
}
