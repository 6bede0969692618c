package io.tunnelwatch.mib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vocabulary is well formed, says each OID once, and checks every constant it declares somewhere. */
class VocabularyTest {

    @Test
    void shouldDeclareOnlyWellFormedOids() {
        Map<String, String> constants = VocabularyTable.constants();

        assertThat(constants).isNotEmpty();
        constants.forEach((name, oid) -> assertThat(Oids.isWellFormed(oid)).as(name + " = " + oid).isTrue());
    }

    @Test
    void shouldGiveNoTwoConstantsTheSameOid() {
        Map<String, String> byOid = new HashMap<>();
        List<String> twice = new ArrayList<>();
        VocabularyTable.constants().forEach((name, oid) -> {
            String earlier = byOid.putIfAbsent(oid, name);
            if (earlier != null) {
                twice.add(earlier + " and " + name + " are both " + oid);
            }
        });
        List<String> notifications = new ArrayList<>();
        VocabularyTable.notifications().values().forEach(n -> notifications.add(n.oid()));
        assertThat(twice).isEmpty();
        assertThat(notifications).doesNotHaveDuplicates().doesNotContainAnyElementsOf(byOid.keySet());
    }

    @Test
    void shouldCheckEveryConstantAgainstAMibFileOrTheCiscoSources() {
        Set<String> checked = new HashSet<>(VocabularyTable.IN_MIB_FILES.values());
        checked.addAll(VocabularyTable.TUNNEL_MIB.values());

        List<String> unchecked = new ArrayList<>();
        VocabularyTable.constants().forEach((name, oid) -> {
            boolean scalarOfChecked = oid.endsWith(".0") && checked.contains(oid.substring(0, oid.length() - 2));
            if (!checked.contains(oid) && !scalarOfChecked) {
                unchecked.add(name);
            }
        });

        assertThat(unchecked).as("constants missing from VocabularyTable").isEmpty();
    }

    @Test
    void shouldCheckEveryEnumeratedValueAgainstTheDefinitionOfItsLabel() {
        List<String> unchecked = new ArrayList<>();
        VocabularyTable.values().keySet().forEach(field -> {
            String name = field.substring(field.indexOf('.') + 1);
            if (VocabularyTable.VALUE_PREFIXES.keySet().stream().noneMatch(name::startsWith)) {
                unchecked.add(field);
            }
        });

        assertThat(unchecked).as("int constants whose prefix VocabularyTable does not know").isEmpty();
    }

    @Test
    void shouldSpellLabelsInTheMibsLowerCamelCase() {
        assertThat(RttMonMib.ResponseSense.NOT_CONNECTED.label()).isEqualTo("notConnected");
        assertThat(RttMonMib.ResponseSense.of(4)).isEqualTo(RttMonMib.ResponseSense.TIMEOUT);
        assertThat(RttMonMib.ResponseSense.of(11)).isNull();
        assertThat(RttMonMib.ResponseSense.of(-1)).isNull();
        assertThat(VocabularyTable.label("IpsecFlowMonitorMib.IKE_PEER_TYPE_IP_ADDR_PEER", "IKE_PEER_TYPE_"))
                .isEqualTo("ipAddrPeer");
        assertThat(IpsecFlowMonitorMib.CIPSEC_SETUP_FAILURE.name()).isEqualTo("cipSecSetUpFailure");
        assertThat(IpsecFlowMonitorMib.CIPSEC_SETUP_FAILURE.number()).isEqualTo(10);
    }

    @Test
    void shouldBuildColumnsInstancesAndStringIndexes() {
        assertThat(Oids.column(IfMib.IF_ENTRY, 8)).isEqualTo(IfMib.IF_OPER_STATUS);
        assertThat(Oids.scalar(SnmpV2Mib.SYS_UP_TIME)).isEqualTo(SnmpV2Mib.SYS_UP_TIME_0);
        assertThat(Oids.instance(IfMib.IF_DESCR, "20")).isEqualTo(IfMib.IF_DESCR + ".20");
        assertThat(Oids.stringIndex("10.0.0.1")).isEqualTo("8.49.48.46.48.46.48.46.49");
        assertThat(IpsecFlowMonitorMib.cikePeerIndex(IpsecFlowMonitorMib.IKE_PEER_TYPE_IP_ADDR_PEER, "1.2",
                IpsecFlowMonitorMib.IKE_PEER_TYPE_NAME_PEER, "a", 7)).isEqualTo("1.3.49.46.50.2.1.97.7");
        assertThat(SnmpV2Mib.genericTrap(2)).isEqualTo(SnmpV2Mib.LINK_DOWN.oid());
        assertThat(SnmpV2Mib.enterpriseSpecificTrap(IpsecFlowMonitorMib.IPSEC_FLOW_MONITOR + ".2", 13))
                .isEqualTo(IpsecFlowMonitorMib.CIPSEC_NO_SA.oid());
        assertThatThrownBy(() -> Oids.child(CiscoSmi.CISCO, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Oids.child(CiscoSmi.CISCO, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.", ".1.3", "1..3", "1.03", "3.1", "1.3.a", "1.4294967296", "1.3 "})
    void shouldTellAMalformedOid(String oid) {
        assertThat(Oids.isWellFormed(oid)).isFalse();
    }
}
