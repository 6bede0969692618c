package io.tunnelwatch.collector.snmp.trap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.events.TunnelEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.snmp4j.PDU;

/**
 * Any datagram, read as SNMP4J reads a v1 or v2c message (sequence, version, community, PDU): a malformed one fails
 * with SNMP4J's {@link IOException} or with an unchecked exception of SNMP4J's (both counted {@code malformed} by the
 * receiver, {@link CommunityMessage}), and any PDU that does decode goes through the trap decoder without an
 * exception, giving an event or nothing.
 */
class TrapDecoderFuzzTest {

    private final TrapDecoder decoder = new TrapDecoder(new TunnelIndex());

    @FuzzTest(maxDuration = "20s")
    void trapDecoderTakesAnyDatagramThatSnmp4jDecodes(byte[] datagram) {
        PDU pdu;
        try {
            pdu = CommunityMessage.decode(ByteBuffer.wrap(datagram));
        } catch (IOException | RuntimeException malformed) {
            // SNMP4J's refusals, checked or not: the receiver counts both malformed (TrapReceiverIT)
            return;
        }
        TunnelEvent event = decoder.decode("rtr-fuzz", "192.0.2.1", pdu, Instant.EPOCH);
        if (event != null) {
            assertThat(event.device()).isEqualTo("rtr-fuzz");
            assertThat(event.peer()).isNotEmpty();
        }
    }
}
