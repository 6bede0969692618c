package io.tunnelwatch.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

class OidMapTest {

    // .1.10 sorts after .1.9 and .2 after .1.10: numeric, not textual, order
    private final OidMap map = OidMap.of(Map.of(
            new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.32.9"), new Counter32(9),
            new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.32.10"), new Counter32(10),
            new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.45.9"), new Counter32(90),
            new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.45.10"), new Counter32(100),
            new OID("1.3.6.1.2.1.1.3.0"), new Integer32(5)));

    @Test
    void shouldWalkInNumericOidOrderAndEndWithEndOfMibView() {
        OID cursor = new OID("1.3");
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            VariableBinding vb = map.next(cursor);
            walked.append(vb.getOid()).append('=').append(vb.getVariable()).append(' ');
            cursor = vb.getOid();
        }
        assertThat(walked.toString()).isEqualTo("1.3.6.1.2.1.1.3.0=5 1.3.6.1.4.1.9.9.171.1.3.2.1.32.9=9 "
                + "1.3.6.1.4.1.9.9.171.1.3.2.1.32.10=10 1.3.6.1.4.1.9.9.171.1.3.2.1.45.9=90 "
                + "1.3.6.1.4.1.9.9.171.1.3.2.1.45.10=100 1.3.6.1.4.1.9.9.171.1.3.2.1.45.10=endOfMibView ");
    }

    @Test
    void shouldAnswerGetWithNoSuchInstanceForAKnownColumnAndNoSuchObjectOtherwise() {
        assertThat(map.get(new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.32.10")).getVariable()).isEqualTo(new Counter32(10));
        assertThat(map.get(new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.32.11")).getVariable()).isEqualTo(Null.noSuchInstance);
        assertThat(map.get(new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.33.9")).getVariable()).isEqualTo(Null.noSuchObject);
    }

    @Test
    void shouldInterleaveGetBulkRepetitionsColumnByColumnAfterTheNonRepeaters() {
        List<VariableBinding> bulk = map.bulk(List.of(new OID("1.3.6.1.2.1.1.3"),
                new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.32"), new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.45")), 1, 3, 100);

        assertThat(bulk).extracting(vb -> vb.getOid().toDottedString()).containsExactly(
                "1.3.6.1.2.1.1.3.0",
                "1.3.6.1.4.1.9.9.171.1.3.2.1.32.9", "1.3.6.1.4.1.9.9.171.1.3.2.1.45.9",
                "1.3.6.1.4.1.9.9.171.1.3.2.1.32.10", "1.3.6.1.4.1.9.9.171.1.3.2.1.45.10",
                // third round: the first column runs into the next one, as GETNEXT does; the walker stops there
                "1.3.6.1.4.1.9.9.171.1.3.2.1.45.9", "1.3.6.1.4.1.9.9.171.1.3.2.1.45.10");
    }

    @Test
    void shouldStopGetBulkAtTheBindingLimitAndAtTheEndOfTheView() {
        assertThat(map.bulk(List.of(new OID("1.3")), 0, 50, 3)).hasSize(3);
        List<VariableBinding> toEnd = map.bulk(List.of(new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.45.9")), 0, 50, 100);
        assertThat(toEnd).hasSize(2);
        assertThat(toEnd.get(1).getVariable()).isEqualTo(Null.endOfMibView);
    }

    @Test
    void shouldAnswerARequestPduWithTheSameRequestIdAndRefuseSets() {
        PDU get = new PDU();
        get.setType(PDU.GETNEXT);
        get.setRequestID(new Integer32(42));
        get.add(new VariableBinding(new OID("1.3.6.1.4.1.9.9.171.1.3.2.1.32")));
        PDU response = SnmpAgents.answer(get, map, 65_535);
        assertThat(response.getRequestID().getValue()).isEqualTo(42);
        assertThat(response.get(0).getVariable()).isEqualTo(new Counter32(9));

        get.setType(PDU.SET);
        assertThat(SnmpAgents.answer(get, map, 65_535).getErrorStatus()).isEqualTo(PDU.notWritable);
    }
}
