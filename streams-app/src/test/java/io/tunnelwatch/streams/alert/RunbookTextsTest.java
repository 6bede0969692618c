package io.tunnelwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.streams.verdict.AlertType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunbookTextsTest {

    private static final Placeholders NOTHING_KNOWN = new Placeholders("198.51.100.230", null, null, null);
    private static final Placeholders INVENTORY =
            new Placeholders("198.51.100.230", "GigabitEthernet0/0/2", "232", "VPN-ACL-232");

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldGiveEveryAlertCommandsWithoutAPlaceholderWhateverIsKnown(AlertType type) {
        for (Placeholders values : List.of(NOTHING_KNOWN, INVENTORY)) {
            List<String> commands = RunbookTexts.commands(type, values);

            assertThat(commands).as("%s with %s", type, values).isNotEmpty()
                    .noneMatch(Placeholders::hasPlaceholder);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AlertType.class, names = {"PEER_UNREACHABLE", "EXPECTED_PEER_MISSING", "TUNNEL_FLAPPING"})
    void shouldSourceThePingFromTheInventorysInterfaceWhenItIsKnown(AlertType type) {
        assertThat(RunbookTexts.commands(type, INVENTORY)).anyMatch(c -> c.startsWith(
                "ping 198.51.100.230 source GigabitEthernet0/0/2"));
        assertThat(RunbookTexts.commands(type, NOTHING_KNOWN)).anyMatch(c -> c.startsWith("ping 198.51.100.230"))
                .noneMatch(c -> c.contains(" source "));
    }

    @Test
    void shouldNameTheCryptoAclAndTheTunnelWhenKnown() {
        assertThat(RunbookTexts.commands(AlertType.IPSEC_NEGOTIATION_FAILED, INVENTORY))
                .contains("show ip access-lists VPN-ACL-232");
        assertThat(RunbookTexts.commands(AlertType.IPSEC_NEGOTIATION_FAILED, NOTHING_KNOWN))
                .contains("show ip access-lists");
        assertThat(RunbookTexts.commands(AlertType.TUNNEL_INTERFACE_DOWN, INVENTORY))
                .containsExactly("show interface tunnel 232", "show ip route 198.51.100.230");
    }

    @Test
    void shouldAskForEveryNeighbourWhenTheTunnelIdIsUnknown() {
        Placeholders neighborOnly = new Placeholders("198.51.100.230", null, null, null, "169.254.22.6");

        assertThat(RunbookTexts.commands(AlertType.ROUTING_ADJACENCY_DOWN, neighborOnly)).contains(
                "show ip ospf neighbor", "show ip eigrp neighbors", "show ip bgp neighbors 169.254.22.6",
                "ping 169.254.22.6");
        assertThat(RunbookTexts.commands(AlertType.ROUTING_ADJACENCY_DOWN, new Placeholders("198.51.100.230", null,
                "232", null, "169.254.22.6"))).contains("show ip ospf neighbor tunnel 232",
                "ping 169.254.22.6 source tunnel 232");
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldGiveOnlyTheCommandsOfTheIkeFamilyThePeerSpeaks(AlertType type) {
        Placeholders v1 = new Placeholders("198.51.100.230", null, null, null, null, IkeVersion.IKEV1);
        Placeholders v2 = new Placeholders("198.51.100.230", null, null, null, null, IkeVersion.IKEV2);

        assertThat(RunbookTexts.commands(type, v1)).as("%s, IKEv1", type).isNotEmpty()
                .noneMatch(c -> c.contains("ikev2"));
        assertThat(RunbookTexts.commands(type, v2)).as("%s, IKEv2", type).isNotEmpty()
                .noneMatch(c -> c.contains("isakmp"));
    }

    @Test
    void shouldGiveBothIkeFamiliesWhileTheVersionIsUnknown() {
        assertThat(RunbookTexts.commands(AlertType.IKE_NEGOTIATION_STUCK, NOTHING_KNOWN))
                .contains("show crypto isakmp sa", "show crypto ikev2 sa detail");
        assertThat(RunbookTexts.commands(AlertType.IKE_NEGOTIATION_STUCK,
                new Placeholders("198.51.100.230", null, null, null, null, IkeVersion.IKEV1)))
                .contains("show crypto isakmp sa", "show crypto isakmp policy")
                .doesNotContain("show crypto ikev2 sa detail");
    }
}
