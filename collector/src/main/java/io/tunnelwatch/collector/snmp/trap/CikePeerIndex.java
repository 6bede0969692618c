package io.tunnelwatch.collector.snmp.trap;

import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;

/**
 * Reads the remote IKE peer out of the instance suffix of a cikePeerTable varbind (CISCO-IPSEC-FLOW-MONITOR-MIB
 * cikePeerEntry, INDEX { cikePeerLocalType, cikePeerLocalValue, cikePeerRemoteType, cikePeerRemoteValue,
 * cikePeerIntIndex }). The two values are DisplayStrings, so each appears in the OID as its length followed by one
 * sub-identifier per octet (SMIv2 rules for a non-IMPLIED variable-length index). Used when cikePeerRemoteAddr
 * itself is not a 4- or 16-byte IPSIpAddress.
 */
final class CikePeerIndex {

    /** DisplayString is SIZE (0..255). */
    private static final int MAX_VALUE_LENGTH = 255;

    private CikePeerIndex() {
    }

    /**
     * The canonical address text of cikePeerRemoteValue in {@code suffix} (the sub-identifiers after the column),
     * or null when the suffix is not such an index or the remote identity is not an IP address (e.g. an FQDN).
     */
    static String remotePeer(int[] suffix) {
        int at = 1;                                  // after cikePeerLocalType
        int localLength = lengthAt(suffix, at);
        if (localLength < 0) {
            return null;
        }
        at += 1 + localLength + 1;                   // local value, then cikePeerRemoteType
        int remoteLength = lengthAt(suffix, at);
        if (remoteLength < 0 || at + 1 + remoteLength + 1 != suffix.length) {
            return null;                             // exactly cikePeerIntIndex must follow
        }
        byte[] text = new byte[remoteLength];
        for (int i = 0; i < remoteLength; i++) {
            int octet = suffix[at + 1 + i];
            if (octet < 0 || octet > 255) {
                return null;
            }
            text[i] = (byte) octet;
        }
        String value = new String(text, StandardCharsets.US_ASCII).trim();
        byte[] address = NetUtil.createByteArrayFromIpAddressString(value);
        return address == null ? null : NetUtil.bytesToIpAddress(address);
    }

    private static int lengthAt(int[] suffix, int at) {
        if (at >= suffix.length) {
            return -1;
        }
        int length = suffix[at];
        return length < 0 || length > MAX_VALUE_LENGTH || at + 1 + length >= suffix.length ? -1 : length;
    }
}
