package io.tunnelwatch.collector.snmp.trap;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;

/**
 * An SNMPv1 or v2c message (RFC 3416 §3: {@code SEQUENCE { version, community, PDU }}) read the way SNMP4J's MPv1 and
 * MPv2c read it. SNMP4J refuses a malformed one with an {@link IOException} and counts it (snmpInASNParseErrs), but
 * some malformed ones make it throw an unchecked exception instead, which it then swallows without counting (found
 * by TrapDecoderFuzzTest: a variable binding of a BER type that no SMI syntax has, an
 * {@link IllegalArgumentException}; a community longer than the datagram, a {@link java.nio.BufferUnderflowException}):
 * {@link #isDroppedUncounted} finds those first so the receiver can count them.
 */
final class CommunityMessage {

    private static final int V3 = 3;

    private CommunityMessage() {
    }

    /** The PDU of a v1/v2c message; SNMP4J's exceptions as it throws them. */
    static PDU decode(ByteBuffer datagram) throws IOException {
        BERInputStream in = new BERInputStream(datagram);
        BER.MutableByte type = new BER.MutableByte();
        BER.decodeHeader(in, type);
        if (type.getValue() != BER.SEQUENCE) {
            throw new IOException("not a sequence");
        }
        Integer32 version = new Integer32();
        version.decodeBER(in);
        if (version.getValue() == V3) {
            throw new IOException("an SNMPv3 message");
        }
        new OctetString().decodeBER(in);
        PDU pdu = version.getValue() == 0 ? new PDUv1() : new PDU();
        pdu.decodeBER(in);
        return pdu;
    }

    /**
     * Whether SNMP4J would drop this datagram without counting it: a v1/v2c message whose decoding throws an
     * unchecked exception. The malformed datagrams SNMP4J counts itself, and every v3 one, are left to it.
     */
    static boolean isDroppedUncounted(ByteBuffer datagram) {
        try {
            decode(datagram.duplicate());
            return false;
        } catch (IOException countedBySnmp4j) {
            return false;
        } catch (RuntimeException uncounted) {
            return true;
        }
    }
}
