package io.tunnelwatch.simulator.agent;

import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIPSEC_TUN_IN_DROP_PKTS;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIPSEC_TUN_IN_PKTS;
import static io.tunnelwatch.mib.IpsecFlowMonitorMib.CIPSEC_TUN_OUT_PKTS;
import static io.tunnelwatch.mib.SnmpV2Mib.SYS_UP_TIME;
import static io.tunnelwatch.mib.SnmpV2Mib.SYS_UP_TIME_0;
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

    // two cipSecTunnelTable columns (.32 and .45) of rows 9 and 10, and sysUpTime.0
    private static final String IN_PKTS_9 = CIPSEC_TUN_IN_PKTS + ".9";
    private static final String IN_PKTS_10 = CIPSEC_TUN_IN_PKTS + ".10";
    private static final String OUT_PKTS_9 = CIPSEC_TUN_OUT_PKTS + ".9";
    private static final String OUT_PKTS_10 = CIPSEC_TUN_OUT_PKTS + ".10";

    // .10 sorts after .9 and .45 after .32.10: numeric, not textual, order
    private final OidMap map = OidMap.of(Map.of(
            new OID(IN_PKTS_9), new Counter32(9),
            new OID(IN_PKTS_10), new Counter32(10),
            new OID(OUT_PKTS_9), new Counter32(90),
            new OID(OUT_PKTS_10), new Counter32(100),
            new OID(SYS_UP_TIME_0), new Integer32(5)));

    @Test
    void shouldWalkInNumericOidOrderAndEndWithEndOfMibView() {
        OID cursor = new OID("1.3");
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            VariableBinding vb = map.next(cursor);
            walked.append(vb.getOid()).append('=').append(vb.getVariable()).append(' ');
            cursor = vb.getOid();
        }
        assertThat(walked.toString()).isEqualTo(SYS_UP_TIME_0 + "=5 " + IN_PKTS_9 + "=9 " + IN_PKTS_10 + "=10 "
                + OUT_PKTS_9 + "=90 " + OUT_PKTS_10 + "=100 " + OUT_PKTS_10 + "=endOfMibView ");
    }

    @Test
    void shouldAnswerGetWithNoSuchInstanceForAKnownColumnAndNoSuchObjectOtherwise() {
        assertThat(map.get(new OID(IN_PKTS_10)).getVariable()).isEqualTo(new Counter32(10));
        assertThat(map.get(new OID(CIPSEC_TUN_IN_PKTS + ".11")).getVariable()).isEqualTo(Null.noSuchInstance);
        assertThat(map.get(new OID(CIPSEC_TUN_IN_DROP_PKTS + ".9")).getVariable()).isEqualTo(Null.noSuchObject);
    }

    @Test
    void shouldInterleaveGetBulkRepetitionsColumnByColumnAfterTheNonRepeaters() {
        List<VariableBinding> bulk = map.bulk(List.of(new OID(SYS_UP_TIME),
                new OID(CIPSEC_TUN_IN_PKTS), new OID(CIPSEC_TUN_OUT_PKTS)), 1, 3, 100);

        assertThat(bulk).extracting(vb -> vb.getOid().toDottedString()).containsExactly(
                SYS_UP_TIME_0,
                IN_PKTS_9, OUT_PKTS_9,
                IN_PKTS_10, OUT_PKTS_10,
                // third round: the first column runs into the next one, as GETNEXT does; the walker stops there
                OUT_PKTS_9, OUT_PKTS_10);
    }

    @Test
    void shouldStopGetBulkAtTheBindingLimitAndAtTheEndOfTheView() {
        assertThat(map.bulk(List.of(new OID("1.3")), 0, 50, 3)).hasSize(3);
        List<VariableBinding> toEnd = map.bulk(List.of(new OID(OUT_PKTS_9)), 0, 50, 100);
        assertThat(toEnd).hasSize(2);
        assertThat(toEnd.get(1).getVariable()).isEqualTo(Null.endOfMibView);
    }

    @Test
    void shouldAnswerARequestPduWithTheSameRequestIdAndRefuseSets() {
        PDU get = new PDU();
        get.setType(PDU.GETNEXT);
        get.setRequestID(new Integer32(42));
        get.add(new VariableBinding(new OID(CIPSEC_TUN_IN_PKTS)));
        PDU response = SnmpAgents.answer(get, map, 65_535);
        assertThat(response.getRequestID().getValue()).isEqualTo(42);
        assertThat(response.get(0).getVariable()).isEqualTo(new Counter32(9));

        get.setType(PDU.SET);
        assertThat(SnmpAgents.answer(get, map, 65_535).getErrorStatus()).isEqualTo(PDU.notWritable);
    }
}
